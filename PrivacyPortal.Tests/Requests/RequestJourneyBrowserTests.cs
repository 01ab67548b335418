using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Modules.Cases.Backups;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Requests;

/// <summary>The two stories of issue 5, from a call on the 400 line to the answer, through the real pages.</summary>
[Collection(AppCollection.Name)]
public sealed partial class RequestJourneyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record World(PortalAppFactory App, TargetDatabase Crm, long SubjectId, string AgentEmail, string OfficerEmail) : IAsyncDisposable
    {
        public async Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query)
        {
            await using var db = await App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            return await query(db);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            Crm.Dispose();
        }
    }

    private static async Task<World> WorldAsync()
    {
        var crm = new TargetDatabase("crm");
        crm.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        crm.AddLogins("13800000001", 20, new DateTime(2026, 1, 1));
        crm.AddLogins("13800000002", 4, new DateTime(2026, 1, 1));
        var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, agent) = await CreateStaffAsync(app, "陈静", "chen.jing@portal.test", Roles.CustomerService);
        var (_, officer) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await using var scope = app.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var categories = await db.Set<DataCategory>().Where(c => c.Key != DataCategories.Browsing && c.Key != DataCategories.Delivery).ToListAsync();
        var system = new DataSystem { Name = "客户关系管理系统", OwnerTeam = "平台部", OwnerEmail = "crm-owner@example.com", Purpose = "客户管理", Categories = categories, ManualChecklist = "核查" };
        var recipient = new Recipient { Name = "短信通道服务商", Type = RecipientType.Processor, LegalBasis = RecipientLegalBasis.Contract, DeletionContact = "dpo@example.net", Categories = categories.Where(c => c.Key == DataCategories.Contact).ToList() };
        db.AddRange(system, recipient);
        await db.SaveChangesAsync();
        db.Add(new DataFlow { SystemId = system.Id, RecipientId = recipient.Id, Description = "短信发送" });
        await db.SaveChangesAsync();
        var version = system.Version;
        await db.DisposeAsync();
        var (problems, _) = await scope.ServiceProvider.GetRequiredService<ConnectorSettingsService>().SaveAsync(new ConnectorSettingsInput
        {
            SystemId = system.Id, Version = version, Kind = ConnectorKind.Database, DatabaseProvider = DatabaseProviders.Sqlite,
            NewSecret = crm.ConnectionString, Mapping = TargetDatabase.Mapping(),
        });
        Assert.Empty(problems);
        var (errors, subjectId) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13800000001"), new(IdentifierKind.Email, "wang.fang@example.com")]);
        Assert.True(errors.IsValid);
        return new World(app, crm, subjectId!.Value, agent, officer);
    }

    private static async Task<string> TakeByKeyboardAsync(IPage page, string phone, string typeKey, string type, string summary)
    {
        await page.GotoAsync("/requests/new");
        await WaitForInteractiveAsync(page);
        await page.GotoAsync("/requests/new");
        await Expect(page.Locator("[data-testid=intake][data-interactive=true]")).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync(phone);
        await Expect(page.Locator("[data-testid=intake-subject]")).ToContainTextAsync("138****0001");
        await page.Keyboard.PressAsync(typeKey);
        await Expect(page.Locator($"input[data-testid=type-{type}], [data-testid=type-{type}] input").First).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Alt+S");
        await page.Keyboard.TypeAsync(summary);
        await Expect(page.Locator("textarea[data-testid=intake-summary], [data-testid=intake-summary] textarea").First).ToHaveValueAsync(summary);
        await page.Keyboard.PressAsync("Control+Enter");
        var done = page.Locator("[data-testid=intake-done]");
        await Expect(done).ToBeVisibleAsync();
        return (await done.Locator("[data-testid=done-case-number]").InnerTextAsync()).Trim();
    }

    private static async Task VerifyByCodeAsync(World world, IPage page, long requestId)
    {
        await page.Locator("[data-testid=verification-send]").ClickAsync();
        var sms = await Poll(() => world.DbAsync(db => db.Set<OutboxMessage>().Where(m => m.Purpose == NotificationPurposes.VerificationCode).OrderByDescending(m => m.Id).FirstOrDefaultAsync()));
        // The person reads the code from the text message and says it to the agent.
        var code = CodePattern().Match(sms.AsSent(world.App.Services.GetRequiredService<MessageSecrets>()).Body).Value;
        var input = page.Locator("input[data-testid=verification-code], [data-testid=verification-code] input").First;
        await input.FillAsync(code);
        await input.PressAsync("Tab");
        await page.Locator("[data-testid=verification-check]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync(Zh("Requests.Status.InReview"));
        Assert.Equal(VerificationResult.Passed, await world.DbAsync(db => db.Set<DataSubjectRequest>().Where(r => r.Id == requestId).Select(r => r.VerificationResult).SingleAsync()));
    }

    private static async Task<T> Poll<T>(Func<Task<T?>> read) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (await read() is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Nothing arrived.");
    }

    [Fact]
    public async Task A_deletion_taken_on_a_call_is_verified_by_code_approved_carried_out_notified_and_answered_on_time()
    {
        await using var world = await WorldAsync();
        await using var agentSession = await browser.OpenAsync(world.App.ServerAddress);
        await SignInAsync(agentSession.Page, world.AgentEmail, "陈静");
        var caseNumber = await TakeByKeyboardAsync(agentSession.Page, "138 0000 0001", "Alt+3", "Deletion", "来电要求删除其账号下的全部个人信息");
        var requestId = await world.DbAsync(db => db.Set<DataSubjectRequest>().Where(r => r.CaseNumber == caseNumber).Select(r => r.Id).SingleAsync());

        await using var officerSession = await browser.OpenAsync(world.App.ServerAddress);
        var page = officerSession.Page;
        await SignInAsync(page, world.OfficerEmail, "周晓明");
        await page.GotoAsync($"/requests/{requestId}");
        await Expect(Heading(page, caseNumber)).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        await VerifyByCodeAsync(world, page, requestId);

        await page.Locator("[data-testid=decision-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync(Zh("Requests.Status.Fulfilling"));
        // The officer sees where the person's data is before deleting it.
        await page.Locator("[data-testid=case-discover]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-data-map] [data-testid=map-row]")).ToContainTextAsync("设备及使用日志 · 20");
        await page.Locator("[data-testid=fulfil-run]").ClickAsync();
        await Expect(page.Locator("[data-testid=notice-row]")).ToContainTextAsync("短信通道服务商");
        await Expect(page.Locator("[data-testid=followup-row]")).ToContainTextAsync("客户关系管理系统");
        var goneBy = Zh("Requests.FollowUps.GoneBy", "|").Split('|');
        await Expect(page.Locator("[data-testid=followups-gone-by]")).ToContainTextAsync(goneBy[0]);
        await Expect(page.Locator("[data-testid=followups-gone-by]")).ToContainTextAsync(goneBy[1]);
        await Expect(page.Locator("[data-testid=case-data-map] [data-testid=map-row]")).ToContainTextAsync(Zh("Subjects.NothingHere"));
        await Expect(page.Locator("textarea[data-testid=close-details], [data-testid=close-details] textarea").First).Not.ToBeEmptyAsync();
        await ScreenshotAsync(page, "70-request-deletion-fulfilled-zh");
        await page.Locator("[data-testid=close-send]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync(Zh("Requests.Status.Closed"));
        await Expect(page.Locator("[data-testid=case-on-time]")).ToHaveTextAsync(Zh("Requests.Case.OnTime"));
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync(Zh("Audit.Action.request.closed"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "71-request-deletion-closed-zh");
        await SwitchCultureAsync(page, "en");
        await Expect(page.Locator("[data-testid=case-on-time]")).ToHaveTextAsync(En("Requests.Case.OnTime"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "72-request-deletion-closed-en");

        // The person's rows are gone from the system, everyone else's are not; the recipient and the person were written to.
        Assert.Equal(0, world.Crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
        Assert.Equal(4, world.Crm.Scalar("SELECT COUNT(*) FROM logins"));
        Assert.Equal(1, world.Crm.Scalar("SELECT COUNT(*) FROM customers WHERE phone IS NULL"));
        var purposes = await world.DbAsync(db => db.Set<OutboxMessage>().Select(m => m.Purpose).ToListAsync());
        Assert.Contains(NotificationPurposes.RecipientDeletionNotice, purposes);
        Assert.Contains(NotificationPurposes.RequestClosing, purposes);
        Assert.Equal(1, await world.DbAsync(db => db.Set<BackupDeletionFollowUp>().CountAsync()));
        var request = await world.DbAsync(db => db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == requestId));
        Assert.Equal(RequestOutcome.Fulfilled, request.Outcome);
        Assert.True(request.ClosedOnTime);
        Assert.Equal(ClockState.Met, await world.DbAsync(db => db.Set<Clock>().Where(c => c.Id == request.ClockId).Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task An_access_request_ends_with_the_person_downloading_their_package_with_the_code_they_were_sent()
    {
        await using var world = await WorldAsync();
        await using var agentSession = await browser.OpenAsync(world.App.ServerAddress);
        await SignInAsync(agentSession.Page, world.AgentEmail, "陈静");
        var caseNumber = await TakeByKeyboardAsync(agentSession.Page, "13800000001", "Alt+1", "Access", "来电要求获取其个人信息副本");
        var requestId = await world.DbAsync(db => db.Set<DataSubjectRequest>().Where(r => r.CaseNumber == caseNumber).Select(r => r.Id).SingleAsync());

        await using var officerSession = await browser.OpenAsync(world.App.ServerAddress);
        var page = officerSession.Page;
        await SignInAsync(page, world.OfficerEmail, "周晓明");
        await page.GotoAsync($"/requests/{requestId}");
        await WaitForInteractiveAsync(page);
        await VerifyByCodeAsync(world, page, requestId);
        await page.Locator("[data-testid=decision-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-status]")).ToHaveTextAsync(Zh("Requests.Status.Fulfilling"));
        await page.Locator("[data-testid=fulfil-run]").ClickAsync();
        await Expect(page.Locator("[data-testid=delivery-status]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "73-request-access-sent-zh");

        // The person opens the link from the message and types the code from the same message.
        var message = (await world.DbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Purpose == NotificationPurposes.AccessDelivery))).AsSent(world.App.Services.GetRequiredService<MessageSecrets>());
        var link = LinkPattern().Match(message.Body).Value;
        var code = CodePattern().Matches(message.Body).Select(m => m.Value).Last();
        await using var personSession = await browser.OpenAsync(world.App.ServerAddress);
        var person = personSession.Page;
        await person.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(person.Locator("[data-testid=delivery-form]")).ToBeVisibleAsync();
        Assert.DoesNotContain(caseNumber, await person.ContentAsync());
        await person.Locator("[data-testid=delivery-code]").FillAsync(code);
        var download = await person.RunAndWaitForDownloadAsync(() => person.Locator("[data-testid=delivery-submit]").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"pp-access-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(file);
        using (var zip = ZipFile.OpenRead(file))
        {
            var csv = new StreamReader(zip.GetEntry("device-usage.csv")!.Open()).ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(21, csv.Length);
            Assert.NotNull(zip.GetEntry("summary.zh-CN.txt"));
        }
        File.Delete(file);

        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=delivery-status]")).ToContainTextAsync(Zh("Requests.Delivery.Collected", "")[..8]);
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=close-send]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-on-time]")).ToHaveTextAsync(Zh("Requests.Case.OnTime"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "74-request-access-closed-zh");
    }

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"https?://\S+/delivery/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();
}
