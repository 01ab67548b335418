using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class AccessDeniedBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Customer_service_sees_no_admin_links_is_refused_the_staff_page_and_each_refusal_is_audited()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "赵敏", "zhao.min@portal.test", Roles.Admin);
        var (agentId, agentEmail) = await CreateStaffAsync(app, "王小明", "wang.xiaoming@portal.test", Roles.CustomerService);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;

        await SignInAsync(page, agentEmail, "王小明");

        // No way into administration from the shell or the dashboard.
        await Expect(NavMenu(page).GetByText(Zh("Nav.Home"), new() { Exact = true })).ToBeVisibleAsync();
        await Expect(NavMenu(page).Locator("[data-testid=nav-staff]")).ToHaveCountAsync(0);
        await Expect(NavMenu(page).GetByText(Zh("Nav.Administration"))).ToHaveCountAsync(0);
        await Expect(NavMenu(page).GetByText(Zh("Nav.Staff"))).ToHaveCountAsync(0);
        await Expect(NavMenu(page).GetByText(Zh("Nav.Health"))).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=card-staff]")).ToHaveCountAsync(0);
        Assert.Equal(0, await DenialsAsync(app, agentId));

        // Typing the address: the request is refused before the page renders.
        await page.GotoAsync("/staff");
        await ExpectDeniedAsync(page);
        Assert.Equal(1, await DenialsAsync(app, agentId));

        // In-app navigation (the circuit's router, no request to /staff): refused the same way, and recorded.
        await page.GotoAsync("/");
        await ExpectGreetingAsync(page, Zh("Home.Greeting", "王小明"));
        await WaitForInteractiveAsync(page);
        await page.EvaluateAsync("() => Blazor.navigateTo('/staff')");
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        await ExpectDeniedAsync(page);
        Assert.Equal(2, await DenialsAsync(app, agentId));
    }

    private static async Task ExpectDeniedAsync(IPage page)
    {
        await Expect(Heading(page, Zh("Denied.Title"))).ToBeVisibleAsync();
        await Expect(page.GetByText(Zh("Denied.Text"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=staff-grid]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=staff-create]")).ToHaveCountAsync(0);
        await Expect(Heading(page, Zh("Staff.Title"))).ToHaveCountAsync(0);
        await ExpectCleanPageAsync(page);
    }

    /// <summary>authz.denied events of this user (written before the refusal is shown, so no waiting).</summary>
    private static async Task<int> DenialsAsync(PortalAppFactory app, string actorId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var denials = await db.AuditEvents
            .Where(e => e.Action == AuditActions.AuthorizationDenied && e.ActorId == actorId)
            .ToListAsync();
        Assert.All(denials, e => Assert.Equal(AuditOutcome.Denied, e.Outcome));
        Assert.All(denials, e => Assert.Contains("\"/staff\"", e.Detail ?? "", StringComparison.Ordinal));
        return denials.Count;
    }
}
