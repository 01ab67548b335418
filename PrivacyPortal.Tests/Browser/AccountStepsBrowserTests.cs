using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Browser;

/// <summary>The sign-in steps after the password, in the browser: the authenticator code, a recovery code, the lockout.</summary>
[Collection(AppCollection.Name)]
public sealed class AccountStepsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "lin.xiao@portal.test";

    private static async Task PasswordAsync(Microsoft.Playwright.IPage page, string password = PortalHttp.Password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(Email);
        await page.Locator("#password").FillAsync(password);
        await SubmitAsync(page, "[data-testid=signin-submit]");
    }

    [Fact]
    public async Task With_two_factor_on_the_code_page_and_the_recovery_code_page_each_lead_to_the_dashboard()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (id, _) = await CreateStaffAsync(app, "林晓", Email, Roles.ComplianceOfficer);
        string key;
        string recovery;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
            recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1))!.Single();
        }

        await using (var session = await browser.OpenAsync(app.ServerAddress))
        {
            var page = session.Page;
            await PasswordAsync(page);
            await Expect(page).ToHaveURLAsync(new Regex("/account/login-2fa"));
            await ExpectCleanPageAsync(page);
            await page.Locator("#code").FillAsync("000000");
            await page.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("[data-testid=\"2fa-error\"]")).ToBeVisibleAsync();
            await page.Locator("#code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
            await page.Locator("button[type=submit]").ClickAsync();
            await ExpectGreetingAsync(page, Zh("Home.Greeting", "林晓"));
        }

        await using (var session = await browser.OpenAsync(app.ServerAddress))
        {
            var page = session.Page;
            await PasswordAsync(page);
            await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = Zh("TwoFactor.UseRecoveryCode") }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login-recovery"));
            await ExpectCleanPageAsync(page);
            await page.Locator("#code").FillAsync(recovery);
            await page.Locator("button[type=submit]").ClickAsync();
            await ExpectGreetingAsync(page, Zh("Home.Greeting", "林晓"));
        }
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_right_one_ends_on_the_lockout_page_in_both_languages()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "林晓", Email, Roles.Auditor);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await PasswordAsync(page, "not-the-password-" + attempt);
            // A locked account answers a wrong password like any other failure.
            await Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync(Zh("SignIn.Invalid"));
        }
        await PasswordAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/account/lockout$"));
        await Expect(page.Locator("[data-testid=lockout-text]")).ToContainTextAsync(Zh("Lockout.Text", 15));
        await ExpectCleanPageAsync(page);

        await page.Locator("[data-testid=culture-en]").ClickAsync();
        await Expect(page.Locator("[data-testid=lockout-text]")).ToContainTextAsync(En("Lockout.Text", 15));
        await ExpectCleanPageAsync(page, "en");
    }
}
