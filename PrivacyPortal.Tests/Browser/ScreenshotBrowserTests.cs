using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Browser;

/// <summary>
/// Walks the portal as its first users would and leaves full-page PNGs in /work/main/screenshots for review.
/// Every picture is taken only after the page shows what it should, in the language it should.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ScreenshotBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string AdminName = "周建国";
    private const string AdminEmail = "zhou.jianguo@portal.test";

    [Fact]
    public async Task Screenshots_of_every_main_page_in_Chinese_and_English_light_and_dark()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await using var adminSession = await browser.OpenAsync(app.ServerAddress);
        var page = adminSession.Page;

        // Setup, empty and with the mistakes a hurried admin makes.
        await page.GotoAsync("/");
        await Expect(Heading(page, Zh("Setup.Title"))).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "01-setup-zh");

        await page.Locator("#name").FillAsync(AdminName);
        await page.Locator("#email").FillAsync("zhou.jianguo-at-portal");
        await page.Locator("#password").FillAsync("short");
        await page.Locator("#confirm").FillAsync("short");
        await SubmitAsync(page, "[data-testid=setup-submit]");
        await Expect(page.Locator("[data-testid=error-Email]")).ToHaveTextAsync(Zh("Validation.Email"));
        await Expect(page.Locator("[data-testid=error-Password]")).ToHaveTextAsync(Zh("Validation.PasswordLength"));
        await Expect(page.Locator("#name")).ToHaveValueAsync(AdminName);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "02-setup-errors-zh");

        await page.Locator("#email").FillAsync(AdminEmail);
        await page.Locator("#password").FillAsync(PortalHttp.Password);
        await page.Locator("#confirm").FillAsync(PortalHttp.Password);
        await SubmitAsync(page, "[data-testid=setup-submit]");
        await ExpectGreetingAsync(page, Zh("Home.Greeting", AdminName));

        // Colleagues, so the staff page and the dashboard figures are not empty.
        var (_, agentEmail) = await CreateStaffAsync(app, "王小明", "wang.xiaoming@portal.test", Roles.CustomerService);
        await CreateStaffAsync(app, "李娜", "li.na@portal.test", Roles.ComplianceOfficer);
        await CreateStaffAsync(app, "陈静", "chen.jing@portal.test", Roles.Auditor);
        await CreateStaffAsync(app, "Emily Clarke", "emily.clarke@portal.test", Roles.CustomerService, Roles.Auditor);

        // Sign-in page, both languages, as a stranger sees it.
        await using (var stranger = await browser.OpenAsync(app.ServerAddress))
        {
            await stranger.Page.GotoAsync("/account/login");
            await Expect(Heading(stranger.Page, Zh("SignIn.Title"))).ToBeVisibleAsync();
            await ExpectCleanPageAsync(stranger.Page);
            await ScreenshotAsync(stranger.Page, "03-signin-zh");
            await stranger.Page.Locator("a[data-testid=culture-en]").ClickAsync();
            await Expect(Heading(stranger.Page, En("SignIn.Title"))).ToBeVisibleAsync();
            await ExpectCleanPageAsync(stranger.Page, "en");
            await ScreenshotAsync(stranger.Page, "04-signin-en");
        }

        // Dashboard: Chinese light and dark, English dark and light.
        await page.ReloadAsync();
        await ExpectGreetingAsync(page, Zh("Home.Greeting", AdminName));
        await Expect(page.Locator("[data-testid=card-staff] .pp-figure").First).ToHaveTextAsync("5");
        await SetDarkAsync(page, false);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "05-dashboard-zh-light");
        await SetDarkAsync(page, true);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "06-dashboard-zh-dark");
        await SwitchCultureAsync(page, "en");
        await ExpectGreetingAsync(page, En("Home.Greeting", AdminName));
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex(@"\bpp-dark\b"));
        await SetDarkAsync(page, true);
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "07-dashboard-en-dark");
        await SetDarkAsync(page, false);
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "08-dashboard-en-light");
        await SwitchCultureAsync(page, "zh-CN");

        // Staff accounts.
        await page.GotoAsync("/staff");
        await Expect(Heading(page, Zh("Staff.Title"))).ToBeVisibleAsync();
        var grid = page.Locator("[data-testid=staff-grid]");
        await Expect(grid.GetByText(agentEmail)).ToBeVisibleAsync();
        await Expect(grid.Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(grid.GetByText(Zh("Role.ComplianceOfficer")).First).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "09-staff-zh");

        // New-account dialog: the server's verdict on a bad e-mail and a short password, at the fields.
        var dialog = page.Locator(".mud-dialog");
        await UntilAsync(
            "open the new-account dialog",
            () => page.Locator("[data-testid=staff-create]").ClickAsync(new() { Timeout = 5_000 }),
            () => dialog.IsVisibleAsync());
        await Expect(dialog.GetByText(Zh("Staff.Create"))).ToBeVisibleAsync();
        await FillMudFieldAsync(page, "staff-name", "刘洋");
        await FillMudFieldAsync(page, "staff-email", "liu.yang-at-portal");
        await FillMudFieldAsync(page, "staff-password", "short");
        await FillMudFieldAsync(page, "staff-confirm", "short");
        await dialog.GetByText(Zh("Role.CustomerService"), new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=staff-save]").ClickAsync();
        await Expect(dialog.GetByText(Zh("Validation.Email"))).ToBeVisibleAsync();
        await Expect(dialog.GetByText(Zh("Validation.PasswordLength"))).ToBeVisibleAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "10-staff-create-errors-zh");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();

        // Not found (setup is gone) and the account's own security page with its QR code.
        var notFound = await page.GotoAsync("/setup");
        Assert.Equal(404, notFound?.Status);
        await Expect(Heading(page, Zh("NotFound.Title"))).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "12-not-found-zh");

        await page.GotoAsync("/account/security");
        await Expect(Heading(page, Zh("Security.Title"))).ToBeVisibleAsync();
        await page.Locator("[data-testid=start-2fa]").ClickAsync();
        var qr = page.Locator("[data-testid=qr-code]");
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "The QR code image did not load.");
        await Expect(page.Locator("[data-testid=\"2fa-grace\"]")).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "13-security-zh");
        await adminSession.Context.AddCookiesAsync([new Cookie { Name = "pp.theme", Value = "dark", Url = app.ServerAddress }]);
        // Opened again (not reloaded, which would post the set-up form twice): the key made above is shown.
        await page.GotoAsync("/account/security");
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex(@"\bpp-dark\b"));
        await Expect(qr).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "14-security-zh-dark");

        // What a customer-service agent sees when typing the staff address.
        await using var agentSession = await browser.OpenAsync(app.ServerAddress);
        await SignInAsync(agentSession.Page, agentEmail, "王小明");
        await agentSession.Page.GotoAsync("/staff");
        await Expect(Heading(agentSession.Page, Zh("Denied.Title"))).ToBeVisibleAsync();
        await Expect(agentSession.Page.Locator("[data-testid=staff-grid]")).ToHaveCountAsync(0);
        await ExpectCleanPageAsync(agentSession.Page);
        await ScreenshotAsync(agentSession.Page, "11-access-denied-zh");
    }

    /// <summary>Types into a MudTextField and leaves it, so its value binds (MudBlazor binds on change).</summary>
}
