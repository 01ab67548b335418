using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Browser;

[Collection(AppCollection.Name)]
public sealed class LanguageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_language_menu_switches_the_shell_to_English_and_back_to_Chinese()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, email) = await CreateStaffAsync(app, "孙丽", "sun.li@portal.test", Roles.Admin);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "孙丽");
        var nav = NavMenu(page);

        await Expect(nav.GetByText(Zh("Nav.Home"), new() { Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByText(Zh("Nav.Staff"), new() { Exact = true })).ToBeVisibleAsync();

        await SwitchCultureAsync(page, "en");
        await ExpectGreetingAsync(page, En("Home.Greeting", "孙丽"));
        await Expect(nav.GetByText(En("Nav.Home"), new() { Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByText(En("Nav.Staff"), new() { Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByText(Zh("Nav.Home"), new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByText(En("Home.RecentActivity"))).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page, "en");

        // The choice is remembered: a new page load stays English.
        await page.ReloadAsync();
        await Expect(nav.GetByText(En("Nav.Home"), new() { Exact = true })).ToBeVisibleAsync();

        await SwitchCultureAsync(page, "zh-CN");
        await ExpectGreetingAsync(page, Zh("Home.Greeting", "孙丽"));
        await Expect(nav.GetByText(Zh("Nav.Home"), new() { Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByText(En("Nav.Home"), new() { Exact = true })).ToHaveCountAsync(0);
        await ExpectCleanPageAsync(page);
    }

    [Fact]
    public async Task The_language_links_on_the_sign_in_page_switch_its_text()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "孙丽", "sun.li@portal.test", Roles.Admin);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;

        await page.GotoAsync("/account/login");
        await Expect(Heading(page, Zh("SignIn.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=signin-submit]")).ToHaveTextAsync(Zh("SignIn.Submit"));
        await ExpectCleanPageAsync(page);

        await page.Locator("a[data-testid=culture-en]").ClickAsync();
        await Expect(Heading(page, En("SignIn.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("label[for=email]")).ToHaveTextAsync(En("Field.Email"));
        await Expect(page.Locator("[data-testid=signin-submit]")).ToHaveTextAsync(En("SignIn.Submit"));
        await Expect(page.Locator("a[data-testid=culture-en]")).ToHaveClassAsync("active");
        Assert.EndsWith("/account/login", page.Url, StringComparison.Ordinal);
        await ExpectCleanPageAsync(page, "en");

        await page.Locator("a[data-testid=culture-zh-CN]").ClickAsync();
        await Expect(Heading(page, Zh("SignIn.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("label[for=email]")).ToHaveTextAsync(Zh("Field.Email"));
        await ExpectCleanPageAsync(page);
    }
}
