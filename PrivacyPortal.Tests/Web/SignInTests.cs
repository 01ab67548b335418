using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Web;

[Collection(AppCollection.Name)]
public sealed partial class SignInTests : IAsyncLifetime
{
    private readonly PortalAppFactory app = new(settings: new Dictionary<string, string?> { ["Security:RevalidationSeconds"] = "1" });

    public async Task InitializeAsync() => await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<List<AuditEvent>> EventsAsync(string action)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_and_brought_back_afterwards()
    {
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var client = PortalHttp.Client(app);

        var response = await client.GetAsync("/?tab=1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=%2F%3Ftab%3D1", response.Headers.Location!.ToString(), StringComparison.Ordinal);

        var signIn = await PortalHttp.PostFormAsync(client, "/account/login?ReturnUrl=%2F%3Ftab%3D1", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = PortalHttp.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/?tab=1", PortalHttp.PathOf(signIn));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_every_attempt_is_audited()
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.CustomerService);
        var client = PortalHttp.Client(app);

        for (var i = 0; i < 4; i++)
        {
            var wrong = await PortalHttp.SignInAsync(client, email, "not the right password");
            Assert.Contains("data-testid=\"signin-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The fifth locks the account, but says no more than a wrong password: the lockout page is only for
        // whoever knows the password.
        var fifth = await PortalHttp.SignInAsync(client, email, "not the right password");
        Assert.Equal(HttpStatusCode.OK, fifth.StatusCode);
        Assert.Contains("data-testid=\"signin-error\"", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Locked: even the right password is refused now.
        var right = await PortalHttp.SignInAsync(client, email);
        Assert.Equal("/account/lockout", PortalHttp.PathOf(right));

        Assert.Equal(4, (await EventsAsync(AuditActions.SignInFailed)).Count(e => e.ActorId == id));
        Assert.Equal(2, (await EventsAsync(AuditActions.LockedOut)).Count(e => e.ActorId == id));
        Assert.DoesNotContain(await EventsAsync(AuditActions.SignInSucceeded), e => e.ActorId == id);
    }

    [Fact]
    public async Task A_failed_sign_in_for_an_unknown_address_is_audited_without_the_address()
    {
        var client = PortalHttp.Client(app);
        var response = await PortalHttp.SignInAsync(client, "nobody.here@portal.test");

        Assert.Contains("data-testid=\"signin-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var failed = Assert.Single(await EventsAsync(AuditActions.SignInFailed));
        Assert.Equal(AuditActors.Anonymous, failed.ActorId);
        Assert.DoesNotContain("nobody.here", failed.Detail ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/staff")]
    [InlineData("/health")]
    [InlineData("/jobs")]
    public async Task Customer_service_cannot_open_admin_pages_and_the_attempt_is_audited(string path)
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.CustomerService);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var denied = Assert.Single(await EventsAsync(AuditActions.AuthorizationDenied), e => e.ActorId == id);
        Assert.Equal(AuditOutcome.Denied, denied.Outcome);
        Assert.Contains(path, denied.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_opens_the_jobs_dashboard_and_the_staff_page()
    {
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task A_removed_role_stops_working_at_the_next_revalidation()
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<PrivacyPortal.Modules.Foundation.Staff.StaffService>();
            var row = (await staff.QueryAsync(new(email, 0, 10))).Items.Single();
            Assert.Equal(PrivacyPortal.Modules.Foundation.Staff.StaffChange.Done, await staff.SetRolesAsync(id, [Roles.Auditor], row.ConcurrencyStamp));
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var after = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        using (var scope = app.Services.CreateScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<PrivacyPortal.Modules.Foundation.Staff.StaffService>();
            var row = (await staff.QueryAsync(new(email, 0, 10))).Items.Single();
            Assert.Equal(PrivacyPortal.Modules.Foundation.Staff.StaffChange.Done, await staff.SetActiveAsync(id, false, row.ConcurrencyStamp));
        }

        var response = await PortalHttp.SignInAsync(PortalHttp.Client(app), email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"signin-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await EventsAsync(AuditActions.SignInFailed), e => e.ActorId == id && e.Detail!.Contains("disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_factor_enrolment_then_sign_in_with_a_code()
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.ComplianceOfficer);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);

        var page = await (await PortalHttp.PostFormAsync(client, "/account/security", "start-2fa", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        var key = SharedKey().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key));
        Assert.Contains("data-testid=\"2fa-grace\"", page, StringComparison.Ordinal);

        var enabled = await PortalHttp.PostFormAsync(client, "/account/security", "enable-2fa",
            new Dictionary<string, string> { ["Enable.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var html = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"recovery-codes\"", html, StringComparison.Ordinal);
        Assert.Single(await EventsAsync(AuditActions.TwoFactorEnabled), e => e.ActorId == id);

        await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiForgery().Match(html).Groups[1].Value,
        }));
        var fresh = PortalHttp.Client(app);
        var first = await PortalHttp.SignInAsync(fresh, email);
        var twoFactorPage = PortalHttp.PathOf(first);
        Assert.StartsWith("/account/login-2fa", twoFactorPage, StringComparison.Ordinal);

        var wrong = await PortalHttp.PostFormAsync(fresh, twoFactorPage, "signin-2fa", new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Contains("data-testid=\"2fa-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var second = await PortalHttp.PostFormAsync(fresh, twoFactorPage, "signin-2fa",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/")).StatusCode);
        Assert.Contains(await EventsAsync(AuditActions.SignInSucceeded), e => e.ActorId == id && e.Detail!.Contains("totp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overdue_two_factor_confines_the_user_to_the_security_page()
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.ComplianceOfficer);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorDueUtc, DateTime.UtcNow.AddMinutes(-1)));
        }
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);

        var home = await client.GetAsync("/");
        Assert.StartsWith("http://localhost/account/access-denied", home.Headers.Location!.ToString(), StringComparison.Ordinal);
        var security = await (await client.GetAsync("/account/security")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"2fa-required\"", security, StringComparison.Ordinal);
        Assert.Contains(await EventsAsync(AuditActions.AuthorizationDenied), e => e.ActorId == id && e.Detail!.Contains("two-factor-required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_addresses_get_the_not_found_page()
    {
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_answers_anonymously_without_detail()
    {
        var response = await PortalHttp.Client(app).GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body);
    }

    [GeneratedRegex("data-testid=\"shared-key\">([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
