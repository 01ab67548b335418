using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Subjects;

[Collection(AppCollection.Name)]
public sealed class SubjectsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task PickAsync(IPage page, string selectTestId, params string[] items)
    {
        var select = page.Locator($"[data-testid={selectTestId}]").Last;
        await select.ClickAsync();
        foreach (var item in items)
        {
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{item}\\s*$") }).First.ClickAsync();
        }
        // A single choice closes the list by itself, a multiple one stays open; either way the list must be gone
        // before the next field. Escape closes it, once the re-render after the last choice has settled; clicking the
        // select itself toggles it shut if a key press was lost.
        var open = page.Locator(".mud-popover-open .mud-list-item");
        for (var attempt = 0; attempt < 4 && await open.CountAsync() > 0; attempt++)
        {
            await page.WaitForTimeoutAsync(300);
            if (attempt < 2)
            {
                await page.Keyboard.PressAsync("Escape");
            }
            else
            {
                await select.ClickAsync(new() { Force = true });
            }
            await page.WaitForTimeoutAsync(400);
        }
        await Expect(open).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_compliance_officer_maps_a_database_finds_a_person_by_phone_sees_their_data_map_and_downloads_their_export()
    {
        using var target = new TargetDatabase("crm");
        target.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        target.AddLogins("13800000001", 25, new DateTime(2026, 1, 1));
        target.AddLogins("13800000002", 3, new DateTime(2026, 1, 1));
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, email) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        int systemId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var categories = await db.Set<DataCategory>().Where(c => c.Key == DataCategories.DeviceUsage || c.Key == DataCategories.Contact).ToListAsync();
            var system = new DataSystem { Name = "用户行为日志库", OwnerTeam = "平台部", OwnerEmail = "owner@example.com", Purpose = "登录日志", StorageRegion = "SG", Categories = categories, ManualChecklist = "核查" };
            db.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
            await db.DisposeAsync();
            var (errors, _) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13800000001"), new(IdentifierKind.Email, "wang.fang@example.com")]);
            Assert.True(errors.IsValid);
        }
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "周晓明");

        // Map the usage-log database: the tables come from its live schema.
        await page.GotoAsync($"/inventory/systems/{systemId}/connector");
        await Expect(Heading(page, Zh("Connectors.TitleFor", "用户行为日志库"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=kind-Database]").ClickAsync();
        await page.Locator("input[data-testid=db-connection], [data-testid=db-connection] input").First.FillAsync(target.ConnectionString);
        await page.Locator("[data-testid=db-load-schema]").ClickAsync();
        await Expect(page.Locator("[data-testid=db-schema-loaded]")).ToContainTextAsync("2");
        await page.Locator("[data-testid=table-add]").ClickAsync();
        await PickAsync(page, "table-name", "logins");
        await PickAsync(page, "identifier-column", "phone");
        await PickAsync(page, $"category-{DataCategories.DeviceUsage}", "ip", "browser");
        await PickAsync(page, "timestamp-column", "accessed_at");
        await ScreenshotAsync(page, "connector-mapping-zh");
        await page.Locator("[data-testid=connector-save]").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(Zh("Connectors.Saved"));
        await ExpectCleanPageAsync(page);

        // A wrong table name typed into the stored mapping is refused with the reason.
        // (The editor only offers real tables; the service check is covered by DatabaseConnectorTests.)

        // The hotline number as the caller reads it out finds the person.
        await page.GotoAsync("/subjects");
        await WaitForInteractiveAsync(page);
        var lookup = page.Locator("input[data-testid=lookup-value], [data-testid=lookup-value] input").First;
        await lookup.FillAsync("+86 138-0000-0001");
        await lookup.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=lookup-result]")).ToContainTextAsync("138****0001");
        await ScreenshotAsync(page, "subject-lookup-zh");
        await page.Locator("[data-testid=lookup-open]").ClickAsync();

        await Expect(page.Locator("[data-testid=identifier-masked]").First).ToHaveTextAsync("138****0001");
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=discover]").ClickAsync();
        var row = page.Locator("[data-testid=map-row]");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("设备及使用日志 · 25");
        await Expect(row).ToContainTextAsync(Zh("Subjects.CrossBorder", "SG"));

        await page.Locator("[data-testid=export-start]").ClickAsync();
        await page.Locator("input[data-testid=export-reason], [data-testid=export-reason] input").First.FillAsync("权利请求 R-2026-0100");
        await page.Locator("[data-testid=export-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=operation-status]").First).ToHaveTextAsync(Zh("Connectors.Operation.Completed"));
        await ScreenshotAsync(page, "subject-page-zh");
        await ExpectCleanPageAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=package-download]").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"pp-export-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(file);
        using (var zip = ZipFile.OpenRead(file))
        {
            var csv = new StreamReader(zip.GetEntry("device-usage.csv")!.Open()).ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(26, csv.Length);
            Assert.NotNull(zip.GetEntry("summary.zh-CN.txt"));
        }
        File.Delete(file);

        // Revealing the full number needs a reason, and the audit trail records the reason, not the number.
        await page.Locator("[data-testid=identifier-reveal]").First.ClickAsync();
        await page.Locator("[data-testid=reveal-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=reveal-dialog]")).ToContainTextAsync(Zh("Subjects.Reveal.ReasonRequired"));
        await page.Locator("[data-testid=reveal-reason-verify-caller]").ClickAsync();
        await page.Locator("textarea[data-testid=reveal-reason], [data-testid=reveal-reason] textarea").First.FillAsync("回拨核实来电人身份");
        await page.Locator("[data-testid=reveal-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=reveal-value]")).ToHaveTextAsync("13800000001");
        await page.Locator("[data-testid=reveal-close]").ClickAsync();

        await SwitchCultureAsync(page, "en");
        await Expect(page.Locator("[data-testid=map-row]")).ToContainTextAsync("Device and usage logs · 25");
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "subject-page-en");
        await page.GotoAsync($"/inventory/systems/{systemId}/connector");
        await Expect(page.Locator("[data-testid=table-mapping]")).ToHaveCountAsync(1);
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "connector-mapping-en");

        await using var check = app.Services.CreateAsyncScope();
        await using var audit = await check.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var actions = await audit.AuditEvents.Select(e => e.Action).ToListAsync();
        Assert.Contains(ConnectorActions.ConnectorConfigured, actions);
        Assert.Contains(SubjectActions.LookedUp, actions);
        Assert.Contains(SubjectActions.Discovered, actions);
        Assert.Contains(ConnectorActions.PackageDownloaded, actions);
        Assert.Contains(SubjectActions.Revealed, actions);
        var details = await audit.AuditEvents.Select(e => e.Detail ?? "").ToListAsync();
        Assert.DoesNotContain(details, d => d.Contains("13800000001", StringComparison.Ordinal) || d.Contains(target.Path, StringComparison.Ordinal));
    }
}
