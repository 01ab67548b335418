using System.Text.RegularExpressions;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Browser;

/// <summary>The pages no journey passes through: the health page, the campaign list and the policy versions.</summary>
[Collection(AppCollection.Name)]
public sealed class HealthAndCampaignPagesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_reads_each_health_check_in_both_languages()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "赵敏", "zhao.min@portal.test", Roles.Admin);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, "zhao.min@portal.test", "赵敏");
        await WaitForInteractiveAsync(page);

        await NavMenu(page).GetByText(Zh("Nav.Health"), new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/health$"));
        await Expect(page.Locator("[data-testid=health-overall]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Cell, new() { Name = Zh("Health.Check.database"), Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Cell, new() { Name = Zh("Health.Check.jobs"), Exact = true })).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "health-zh");

        await SwitchCultureAsync(page, "en");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Cell, new() { Name = En("Health.Check.database"), Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=health-detail-disk]")).ToContainTextAsync(new Regex(@"MB free \(the minimum is 256 MB\)"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "health-en");
    }

    [Fact]
    public async Task An_admin_opens_the_jobs_dashboard_and_its_scripts_run_under_the_content_security_policy()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "赵敏", "zhao.min@portal.test", Roles.Admin);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, "zhao.min@portal.test", "赵敏");

        var response = await page.GotoAsync("/jobs");
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator(".navbar")).ToBeVisibleAsync();
        // The dashboard's own scripts draw its graph and poll its statistics; none of that may be refused.
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await page.WaitForFunctionAsync("() => window.Chart && Object.keys(window.Chart.instances).length > 0");
        ExpectNoPolicyViolations(page);
    }

    [Fact]
    public async Task A_compliance_officer_opens_the_campaigns_and_the_policy_versions_in_both_languages()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, "zhou.xiaoming@portal.test", "周晓明");

        await NavMenu(page).Locator("[data-testid=nav-campaigns]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/campaigns$"));
        await Expect(page.Locator("[data-testid=campaign-table]")).ToContainTextAsync(Zh("Campaigns.None"));
        await ExpectCleanPageAsync(page);

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = Zh("Campaigns.Policies.Title") }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/campaigns/policies$"));
        await Expect(Heading(page, Zh("Campaigns.Policies.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=policy-new]")).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);

        await SwitchCultureAsync(page, "en");
        await Expect(Heading(page, En("Campaigns.Policies.Title"))).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page, "en");
    }
}
