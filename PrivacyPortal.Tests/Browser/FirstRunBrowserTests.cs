using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class FirstRunBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Setup_creates_the_admin_who_lands_on_the_dashboard_signs_out_and_signs_in_again()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;

        // An empty portal sends every visitor to setup.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/setup$"));
        await Expect(Heading(page, Zh("Setup.Title"))).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);

        await page.Locator("#name").FillAsync("周建国");
        await page.Locator("#email").FillAsync("zhou.jianguo@portal.test");
        await page.Locator("#password").FillAsync(PortalHttp.Password);
        await page.Locator("#confirm").FillAsync(PortalHttp.Password);
        await SubmitAsync(page, "[data-testid=setup-submit]");

        // Signed in as the new Admin, greeted by name, with the Admin navigation.
        await ExpectGreetingAsync(page, Zh("Home.Greeting", "周建国"));
        await Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("周建国");
        await Expect(NavMenu(page).Locator("[data-testid=nav-staff]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=card-staff]")).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);

        // Signing out ends on the sign-in page.
        await SubmitAsync(page, "[data-testid=sign-out]");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(Heading(page, Zh("SignIn.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=user-name]")).ToHaveCountAsync(0);

        // The dashboard is closed again until the user signs in.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        await SignInAsync(page, "zhou.jianguo@portal.test", "周建国");
        await Expect(page.Locator("[data-testid=card-security]")).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
    }

    [Fact]
    public async Task After_setup_the_setup_page_is_not_found_for_the_admin_and_for_a_stranger()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, email) = await CreateStaffAsync(app, "林晓", "lin.xiao@portal.test", Roles.Admin);

        await using var adminSession = await browser.OpenAsync(app.ServerAddress);
        var admin = adminSession.Page;
        await SignInAsync(admin, email, "林晓");
        await ExpectSetupGoneAsync(admin);
        // Still signed in: the not-found page sits in the shell with the user's name.
        await Expect(admin.Locator("[data-testid=user-name]")).ToHaveTextAsync("林晓");

        await using var strangerSession = await browser.OpenAsync(app.ServerAddress);
        var stranger = strangerSession.Page;
        await ExpectSetupGoneAsync(stranger);
    }

    private static async Task ExpectSetupGoneAsync(IPage page)
    {
        var response = await page.GotoAsync("/setup");
        Assert.Equal(404, response?.Status);
        await Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await Expect(Heading(page, Zh("NotFound.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=setup-submit]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#password")).ToHaveCountAsync(0);
        await ExpectCleanPageAsync(page);
    }
}
