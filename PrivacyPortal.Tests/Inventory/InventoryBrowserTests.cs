using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Inventory;

[Collection(AppCollection.Name)]
public sealed class InventoryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea").First;

    /// <summary>Opens a MudSelect in the open dialog and picks the option with <paramref name="text"/>.</summary>
    private static async Task PickAsync(IPage page, string testId, string text)
    {
        var select = page.Locator(".mud-dialog .mud-select", new() { Has = page.Locator($"[data-testid={testId}]") }).First;
        var option = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = text }).First;
        await UntilAsync($"open {testId}", () => select.ClickAsync(new() { Timeout = 5_000 }), () => option.IsVisibleAsync());
        await option.ClickAsync();
        await Expect(option).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_compliance_officer_registers_a_cross_border_system_and_a_recipient_it_sends_data_to()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, email) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "周晓明");

        await page.GotoAsync("/inventory");
        await Expect(Heading(page, Zh("Inventory.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);

        // An empty form is refused field by field, nothing saved.
        await UntilAsync("open the system dialog", () => page.Locator("[data-testid=system-add]").ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=system-save]").IsVisibleAsync());
        await page.Locator("[data-testid=system-save]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("[data-testid=system-categories-error]")).ToHaveTextAsync(Zh("Inventory.Categories.Required"));
        await Expect(dialog.GetByText(Zh("Validation.Required")).First).ToBeVisibleAsync();

        await Field(page, "system-name").FillAsync("海外呼叫分析平台");
        await Field(page, "system-owner-team").FillAsync("数据分析部");
        await Field(page, "system-owner-email").FillAsync("analytics-team@portal.test");
        await Field(page, "system-purpose").FillAsync("分析 400 热线通话质量");
        await PickAsync(page, "system-region", Zh("Inventory.Region.SG"));
        await Expect(dialog.Locator("[data-testid=system-cross-border-note]")).ToBeVisibleAsync();
        await dialog.Locator("[data-testid=pick-category-contact]").ClickAsync();
        await dialog.Locator("[data-testid=pick-category-device-usage]").ClickAsync();
        await ScreenshotAsync(page, "40-inventory-system-dialog-zh");
        await page.Locator("[data-testid=system-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var row = page.Locator("[data-testid=system-table] tbody tr", new() { HasText = "海外呼叫分析平台" });
        await Expect(row.Locator("[data-testid=cross-border]")).ToHaveTextAsync("跨境");
        await Expect(row.Locator("[data-testid=category-chip-contact]")).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=category-chip-device-usage]")).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = Zh("Inventory.System.ConnectorSettings") })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"inventory/systems/\d+/connector$"));
        await Expect(page.Locator("[data-testid=figure-cross-border]")).ToHaveTextAsync("1");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "41-inventory-zh");

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var system = await db.Set<DataSystem>().Include(s => s.Categories).SingleAsync();
            Assert.Equal(("SG", 2), (system.StorageRegion, system.Categories.Count));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == InventoryActions.SystemCreated));
        }

        // The recipient it sends data to, and the flow.
        await page.GotoAsync("/inventory/recipients");
        await Expect(Heading(page, Zh("Inventory.Recipients.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        await UntilAsync("open the recipient dialog", () => page.Locator("[data-testid=recipient-add]").ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=recipient-save]").IsVisibleAsync());
        await Field(page, "recipient-name").FillAsync("新加坡语音质检服务商");
        await PickAsync(page, "recipient-region", Zh("Inventory.Region.SG"));
        await Field(page, "recipient-contact").FillAsync("privacy@qa-vendor.example.com");
        await Field(page, "recipient-agreement").FillAsync("DPA-2026-021");
        await dialog.Locator("[data-testid=pick-category-contact]").ClickAsync();
        await page.Locator("[data-testid=recipient-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var recipientRow = page.Locator("[data-testid=recipient-table] tbody tr", new() { HasText = "新加坡语音质检服务商" });
        await Expect(recipientRow.Locator("[data-testid=cross-border]")).ToBeVisibleAsync();
        await recipientRow.Locator("[data-testid^=flow-add-]").ClickAsync();
        await PickAsync(page, "flow-system", "海外呼叫分析平台");
        await Field(page, "flow-description").FillAsync("每日推送通话录音元数据用于质检");
        await page.Locator("[data-testid=flow-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(recipientRow.Locator("[data-testid^=recipient-flows-]")).ToContainTextAsync("海外呼叫分析平台");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "42-inventory-recipients-zh");

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var flow = await db.Set<DataFlow>().Include(f => f.System).Include(f => f.Recipient).SingleAsync();
            Assert.Equal(("海外呼叫分析平台", "新加坡语音质检服务商"), (flow.System!.Name, flow.Recipient!.Name));
        }

        // A disclosure whose people are typed as identifiers: a line that matches no one is named by its number.
        using (var scope = app.Services.CreateScope())
        {
            var (errors, _) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new IdentifierInput(IdentifierKind.Phone, "13912345678")]);
            Assert.True(errors.IsValid);
        }
        await page.GotoAsync("/inventory/disclosures");
        await Expect(page.Locator("[data-testid=inform-due]")).ToHaveTextAsync(Zh("Inventory.Disclosures.NoneDue"));
        await WaitForInteractiveAsync(page);
        await UntilAsync("open the disclosure dialog", () => page.Locator("[data-testid=disclosure-add]").ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=disclosure-save]").IsVisibleAsync());
        await Field(page, "disclosure-body").FillAsync("某市公安局网络安全保卫支队");
        await Field(page, "disclosure-reference").FillAsync("公网安调〔2026〕0312号");
        await dialog.Locator("[data-testid=pick-category-contact]").ClickAsync();
        await Field(page, "disclosure-subject-lines").FillAsync("139 1234 5678\n13800000000");
        await page.Locator("[data-testid=disclosure-save]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=disclosure-line-errors]")).ToHaveTextAsync(Zh("Inventory.Disclosure.LineError", 2, Zh("Inventory.Disclosure.LineUnknown")));
        await ScreenshotAsync(page, "43-inventory-disclosure-dialog-zh");
        await Field(page, "disclosure-subject-lines").FillAsync("139 1234 5678");
        await page.Locator("[data-testid=disclosure-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=inform-due]")).ToHaveTextAsync(Zh("Inventory.Disclosures.DueCount", 1));
        await Expect(page.Locator("[data-testid=disclosure-grid] tbody tr", new() { HasText = "公网安调〔2026〕0312号" })).ToContainTextAsync(Zh("Inventory.Disclosure.Now"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "44-inventory-disclosures-zh");

        await page.GotoAsync("/inventory/categories");
        await Expect(page.Locator("[data-testid=category-table]")).ToContainTextAsync("精准定位信息");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "45-inventory-categories-zh");
        await page.GotoAsync("/inventory/purposes");
        await Expect(page.Locator("[data-testid=purpose-table]")).ToContainTextAsync(Zh("Inventory.Purpose.Essential"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "46-inventory-purposes-zh");

        // The same pages in English.
        await WaitForInteractiveAsync(page);
        await SwitchCultureAsync(page, "en");
        foreach (var (path, name, heading) in new[]
        {
            ("/inventory", "47-inventory-en", "Inventory.Title"),
            ("/inventory/recipients", "48-inventory-recipients-en", "Inventory.Recipients.Title"),
            ("/inventory/disclosures", "49-inventory-disclosures-en", "Inventory.Disclosures.Title"),
            ("/inventory/categories", "50-inventory-categories-en", "Inventory.Categories.Title"),
            ("/inventory/purposes", "51-inventory-purposes-en", "Inventory.Purposes.Title"),
        })
        {
            await page.GotoAsync(path);
            await Expect(Heading(page, En(heading))).ToBeVisibleAsync();
            await ExpectCleanPageAsync(page, "en");
            await ScreenshotAsync(page, name);
        }
        await page.GotoAsync("/inventory");
        await Expect(page.Locator("[data-testid=system-table] [data-testid=cross-border]")).ToHaveTextAsync("Cross-border");
    }
}
