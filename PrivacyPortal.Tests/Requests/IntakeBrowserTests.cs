using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Requests;

[Collection(AppCollection.Name)]
public sealed class IntakeBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>Every key the agent presses or text they type counts as one key action; nothing else touches the page.</summary>
    private sealed class Keys(IPage page)
    {
        public int Count { get; private set; }

        public Task Type(string text)
        {
            Count++;
            return page.Keyboard.TypeAsync(text);
        }

        public Task Press(string key)
        {
            Count++;
            return page.Keyboard.PressAsync(key);
        }
    }

    [Fact]
    public async Task An_agent_takes_a_deletion_request_on_a_call_with_the_keyboard_only_then_merges_a_repeat_and_reads_the_status_back()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, email) = await CreateStaffAsync(app, "陈静", "chen.jing@portal.test", Roles.CustomerService);
        long subjectId;
        using (var scope = app.Services.CreateScope())
        {
            var (errors, id) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13812345678"), new(IdentifierKind.Email, "zhao.lei@example.com")]);
            Assert.True(errors.IsValid);
            subjectId = id!.Value;
        }
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "陈静");

        await page.GotoAsync("/requests/new");
        await Expect(Heading(page, Zh("Requests.Intake.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        // The language menu took the focus; the agent opens the page afresh and the cursor waits in the lookup.
        await page.GotoAsync("/requests/new");
        var lookup = page.Locator("input[data-testid=intake-lookup], [data-testid=intake-lookup] input").First;
        await Expect(page.Locator("[data-testid=intake][data-interactive=true]")).ToBeVisibleAsync();
        await Expect(lookup).ToBeFocusedAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "60-intake-empty-zh");

        var keys = new Keys(page);
        await keys.Type("138 1234 5678");
        await Expect(page.Locator("[data-testid=intake-subject]")).ToContainTextAsync("138****5678");
        await Expect(page.Locator("[data-testid=ack-unready]").First).ToContainTextAsync(Zh("Requests.Intake.ChannelNotReady"));
        await keys.Press("Alt+3");
        await Expect(page.Locator("input[data-testid=type-Deletion], [data-testid=type-Deletion] input").First).ToBeCheckedAsync();
        await keys.Press("Alt+S");
        await keys.Type("来电要求删除其账号下的全部个人信息");
        await Expect(page.Locator("textarea[data-testid=intake-summary], [data-testid=intake-summary] textarea").First).ToHaveValueAsync("来电要求删除其账号下的全部个人信息");
        await Expect(page.Locator("[data-testid=pii-warning]")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "61-intake-filled-zh");
        await keys.Press("Control+Enter");

        var done = page.Locator("[data-testid=intake-done]");
        await Expect(done).ToBeVisibleAsync();
        var caseNumber = (await done.Locator("[data-testid=done-case-number]").InnerTextAsync()).Trim();
        await Expect(done.Locator("[data-testid=done-ack]")).ToContainTextAsync(Zh("Requests.Intake.AcknowledgedTo", "138****5678"));
        // Queued is not sent: with no SMS gateway set up, the agent is told plainly that it will not go out.
        await Expect(done.Locator("[data-testid=message-reason]")).ToContainTextAsync(Zh("Notifications.Reason.NotConfigured", Zh("Notifications.Channel.Sms"), "Notifications:Sms:Url"));
        await Expect(done.Locator("[data-testid=message-status]")).ToHaveAttributeAsync("data-delivered", "false");
        output.WriteLine($"Key actions from empty form to saved and acknowledged: {keys.Count}");
        Assert.True(keys.Count <= 15, $"{keys.Count} key actions");
        Assert.Equal(5, keys.Count);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "62-intake-done-zh");

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var request = await db.Set<DataSubjectRequest>().SingleAsync();
            Assert.Equal(caseNumber, request.CaseNumber);
            Assert.Equal(subjectId, request.SubjectId);
            Assert.Equal(RequestType.Deletion, request.Type);
            Assert.Equal(RequestChannel.Hotline400, request.Channel);
            Assert.Equal("来电要求删除其账号下的全部个人信息", request.Summary);
            Assert.True(await db.Set<Clock>().AnyAsync(c => c.Id == request.ClockId));
            var ack = await db.Set<OutboxMessage>().SingleAsync(m => m.Purpose == NotificationPurposes.RequestAcknowledgement);
            Assert.Equal(NotificationChannel.Sms, ack.Channel);
            Assert.Equal($"request:{request.Id}:ack", ack.CorrelationId);
            Assert.Contains(caseNumber, ack.Body, StringComparison.Ordinal);
        }

        // The same caller rings again about the same deletion: flagged, and merged into the open case as a note.
        await keys.Press("Escape");
        await Expect(lookup).ToBeFocusedAsync();
        await Expect(lookup).ToHaveValueAsync("");
        await keys.Type("13812345678");
        await Expect(page.Locator("[data-testid=intake-subject]")).ToContainTextAsync("138****5678");
        await keys.Press("Alt+3");
        await Expect(page.Locator("input[data-testid=type-Deletion], [data-testid=type-Deletion] input").First).ToBeCheckedAsync();
        await keys.Press("Alt+S");
        await keys.Type("来电催办删除请求");
        await Expect(page.Locator("textarea[data-testid=intake-summary], [data-testid=intake-summary] textarea").First).ToHaveValueAsync("来电催办删除请求");
        await keys.Press("Control+Enter");
        var warning = page.Locator("[data-testid=intake-duplicates]");
        await Expect(warning).ToContainTextAsync(caseNumber);
        await ExpectCleanPageAsync(page);
        // Focusing the warning scrolled it into view; the picture shows the whole page from the top.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "63-intake-duplicate-zh");
        await keys.Press("Alt+A");
        await Expect(done.Locator("[data-testid=done-commented]")).ToContainTextAsync(caseNumber);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Set<DataSubjectRequest>().CountAsync());
            Assert.Equal("来电催办删除请求", (await db.Set<RequestComment>().SingleAsync()).Text);
        }

        // Status read-back by the caller's phone: a sentence to read out, nothing personal beyond the masked phone.
        await page.GotoAsync("/requests/status");
        await Expect(Heading(page, Zh("Requests.Readback.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        var query = page.Locator("input[data-testid=readback-query], [data-testid=readback-query] input").First;
        await query.FillAsync("+86 138-1234-5678");
        await query.PressAsync("Enter");
        var script = page.Locator("[data-testid=readback-script]");
        await Expect(script).ToContainTextAsync($"受理编号 {caseNumber}，您的删除请求目前处于『待身份验证』阶段");
        var card = await page.Locator("[data-testid=readback-case]").InnerTextAsync();
        Assert.DoesNotContain("删除其账号", card, StringComparison.Ordinal);
        Assert.DoesNotContain("催办", card, StringComparison.Ordinal);
        Assert.DoesNotContain("zhao", card, StringComparison.Ordinal);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "64-readback-zh");

        // The same in English.
        await SwitchCultureAsync(page, "en");
        await WaitForInteractiveAsync(page);
        query = page.Locator("input[data-testid=readback-query], [data-testid=readback-query] input").First;
        await query.FillAsync(caseNumber.ToLowerInvariant());
        await query.PressAsync("Enter");
        await Expect(script).ToContainTextAsync($"Case number {caseNumber}: your deletion request is awaiting identity verification. We will reply by");
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "65-readback-en");

        await page.GotoAsync("/requests/new");
        await Expect(page.Locator("[data-testid=intake][data-interactive=true]")).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync("13900001111");
        await Expect(page.Locator("[data-testid=intake-not-found]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Alt+2");
        await Expect(page.Locator("input[data-testid=type-Correction], [data-testid=type-Correction] input").First).ToBeCheckedAsync();
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "66-intake-not-on-file-en");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=intake-subject]")).ToContainTextAsync("139****1111");
        await page.Keyboard.PressAsync("Alt+S");
        // A summary is kept in clear: one that holds an e-mail address is flagged before it is saved.
        await page.Keyboard.TypeAsync("Asks to correct the delivery address, write to caller@example.com");
        await Expect(page.Locator("[data-testid=pii-warning]")).ToContainTextAsync(En("PersonalData.Warning", En("PersonalData.Kind.email")));
        await ScreenshotAsync(page, "66b-intake-summary-warning-en");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Asks to correct the delivery address");
        await Expect(page.Locator("[data-testid=pii-warning]")).ToHaveCountAsync(0);
        await Expect(page.Locator("textarea[data-testid=intake-summary], [data-testid=intake-summary] textarea").First).ToHaveValueAsync("Asks to correct the delivery address");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(done.Locator("[data-testid=done-case-number]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "67-intake-done-en");
    }

    [Fact]
    public async Task An_auditor_may_read_statuses_but_is_shown_no_intake_form()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, email) = await CreateStaffAsync(app, "孙悦", "sun.yue@portal.test", Roles.Auditor);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "孙悦");

        await page.GotoAsync("/requests/new");
        await Expect(page.Locator("[data-testid=intake-read-only]")).ToContainTextAsync(Zh("Requests.Intake.NotForRole"));
        await Expect(page.Locator("[data-testid=intake-lookup]")).ToHaveCountAsync(0);
        await page.GotoAsync("/requests/status");
        await Expect(page.Locator("input[data-testid=readback-query], [data-testid=readback-query] input").First).ToBeVisibleAsync();
    }
}
