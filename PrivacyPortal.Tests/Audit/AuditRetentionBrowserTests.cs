using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Audit;

[Collection(AppCollection.Name)]
public sealed class AuditRetentionBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task After_the_oldest_events_are_deleted_the_chain_still_verifies_and_the_integrity_page_says_where_it_starts()
    {
        using var keys = new TestFolder();
        var now = DateTimeOffset.UtcNow;
        // The portal has run for twelve years; the trail is kept for ten.
        var clock = new FakeTimeProvider(now.AddYears(-12));
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?>
        {
            ["Audit:Retention:Years"] = "10",
            ["Audit:Checkpoints:KeyFile"] = Path.Combine(keys.Path, "checkpoint.pem"),
            ["Audit:Checkpoints:Directory"] = Path.Combine(keys.Path, "checkpoints"),
        }) { Clock = clock };
        app.StartRealServer();
        var writer = app.Services.GetRequiredService<AuditChainWriter>();
        for (var i = 0; i < 30; i++)
        {
            await writer.AppendAsync(new AuditRecord(AuditActions.SignInSucceeded, "staff-early", AuditOutcome.Success, null, null, null, "10.0.0.1", null));
            clock.Advance(TimeSpan.FromDays(60));
        }
        clock.SetUtcNow(now);
        AuditPruneResult pruned;
        using (var scope = app.Services.CreateScope())
        {
            pruned = await scope.ServiceProvider.GetRequiredService<AuditRetention>().PruneAsync();
        }
        Assert.Null(pruned.Refused);
        Assert.InRange(pruned.Deleted, 10, 20);
        var start = pruned.StartsAfter!.Value;
        var (_, email) = await CreateStaffAsync(app, "陈思远", "chen.siyuan@portal.test", Roles.Auditor);

        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "陈思远");
        await page.GotoAsync("/audit/integrity");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=trail-start]")).ToContainTextAsync(Zh("Audit.Integrity.TrailStart", start, "|", start + 1, "|").Split('|')[0]);
        await page.Locator("[data-testid=integrity-verify]").ClickAsync();
        await Expect(page.Locator("[data-testid=integrity-result]")).ToContainTextAsync(Zh("Audit.Integrity.Intact", "|").Split('|')[0]);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "91-audit-trail-start-zh");
        await SwitchCultureAsync(page, "en");
        await Expect(page.Locator("[data-testid=trail-start]")).ToContainTextAsync(En("Audit.Integrity.TrailStart", start, "|", start + 1, "|").Split('|')[0]);
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "92-audit-trail-start-en");
    }
}
