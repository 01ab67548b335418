using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Published;

/// <summary>
/// A test against the portal as the Dockerfile's build stages publish it, started by .ci/run (which sets
/// PORTAL_PUBLISHED_URL); skipped in a plain `dotnet test`, where there is no published portal to reach.
/// </summary>
public sealed class PublishedPortalFactAttribute : FactAttribute
{
    public const string UrlVariable = "PORTAL_PUBLISHED_URL";

    public PublishedPortalFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(UrlVariable)))
        {
            Skip = $"Runs in .ci/run against the published portal ({UrlVariable} not set).";
        }
    }
}

public sealed class PublishedPortalTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [PublishedPortalFact]
    public async Task The_published_portal_sets_up_signs_in_runs_its_interactive_pages_and_asks_no_other_origin()
    {
        var url = Environment.GetEnvironmentVariable(PublishedPortalFactAttribute.UrlVariable)!.TrimEnd('/');
        await using var session = await browser.OpenAsync(url);
        var page = session.Page;
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(url + "/", StringComparison.Ordinal) && request.Url != url && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        // The script every interactive page needs is part of the published output.
        var script = await page.APIRequest.GetAsync(url + "/_framework/blazor.web.js");
        Assert.Equal(200, script.Status);
        Assert.Contains("javascript", script.Headers["content-type"], StringComparison.Ordinal);

        // First run, then the dashboard as the new Admin.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await page.Locator("#name").FillAsync("周建国");
        await page.Locator("#email").FillAsync("zhou.jianguo@portal.test");
        await page.Locator("#password").FillAsync(PortalHttp.Password);
        await page.Locator("#confirm").FillAsync(PortalHttp.Password);
        await SubmitAsync(page, "[data-testid=setup-submit]");
        await ExpectGreetingAsync(page, Zh("Home.Greeting", "周建国"));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'"), "window.Blazor is not defined: the interactive pages are dead.");

        // An interactive page: the staff list creates, through the Blazor circuit, an officer who holds every other role.
        await NavMenu(page).Locator("[data-testid=nav-staff]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        var dialog = page.Locator(".mud-dialog");
        await UntilAsync("open the new-account dialog", () => page.Locator("[data-testid=staff-create]").ClickAsync(new() { Timeout = 5_000 }), () => dialog.IsVisibleAsync());
        await ExpectCleanPageAsync(page);
        await FillMudFieldAsync(page, "staff-name", "林晓");
        await FillMudFieldAsync(page, "staff-email", "lin.xiao@portal.test");
        await FillMudFieldAsync(page, "staff-password", PortalHttp.Password);
        await FillMudFieldAsync(page, "staff-confirm", PortalHttp.Password);
        foreach (var role in new[] { Roles.ComplianceOfficer, Roles.CustomerService, Roles.Auditor })
        {
            await dialog.GetByText(Zh($"Role.{role}"), new() { Exact = true }).ClickAsync();
        }
        await page.Locator("[data-testid=staff-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("body")).ToContainTextAsync("lin.xiao@portal.test");

        // Every page of the menu, the Admin's and then the other roles', loads from the portal alone: no fonts, scripts
        // or telemetry from elsewhere.
        var visited = await VisitMenuAsync(page, url);
        await SubmitAsync(page, "[data-testid=sign-out]");
        await SignInAsync(page, "lin.xiao@portal.test", "林晓");
        visited += await VisitMenuAsync(page, url);
        Assert.True(visited >= 20, $"Only {visited} menu pages.");
        Assert.True(foreign.Count == 0, "Requests to other origins: " + string.Join(", ", foreign.Distinct()));
    }

    private static async Task<int> VisitMenuAsync(IPage page, string url)
    {
        var links = await NavMenu(page).Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        foreach (var link in links.Distinct())
        {
            var response = await page.GotoAsync(link.Length == 0 ? url + "/" : url + "/" + link.TrimStart('/'));
            Assert.True(response is { Ok: true }, $"{link}: {response?.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        await page.GotoAsync(url + "/");
        await WaitForInteractiveAsync(page);
        return links.Distinct().Count();
    }
}
