using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Security;

/// <summary>Two-factor cannot be satisfied with the password alone: past the grace period enrolment needs an Admin's code.</summary>
[Collection(AppCollection.Name)]
public sealed partial class TwoFactorEnrolmentTests : IAsyncLifetime
{
    private readonly PortalAppFactory app = new();

    public async Task InitializeAsync() => await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<StaffUser> UserAsync(string id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private async Task<int> CountAsync(string action, string id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(e => e.Action == action && e.TargetId == id);
    }

    [Fact]
    public async Task Past_the_grace_period_a_password_alone_cannot_enrol_an_authenticator_but_an_admins_one_time_code_can()
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.ComplianceOfficer);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorDueUtc, DateTime.UtcNow.AddMinutes(-1)));
        }
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);

        // With the password only: no key is shown or made, and no code enables anything.
        var page = await (await client.GetAsync("/account/security")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"enrolment-needed\"", page, StringComparison.Ordinal);
        page = await (await PortalHttp.PostFormAsync(client, "/account/security", "enrolment-code", new Dictionary<string, string> { ["Enrolment.Code"] = "ABCDE-FGHJK" })).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error-Enrolment\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"shared-key\"", page, StringComparison.Ordinal);
        Assert.Null((await UserAsync(id)).EnrolmentAllowedUntilUtc);
        Assert.Equal(1, await CountAsync(AuditActions.EnrolmentCodeRefused, id));

        // An Admin issues a code, given in person; only its hash is stored.
        string code;
        using (var scope = app.Services.CreateScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
            var row = (await staff.QueryAsync(new StaffQuery(null, 0, 50))).Items.Single(r => r.Id == id);
            var (change, issued) = await staff.IssueEnrolmentCodeAsync(id, row.ConcurrencyStamp);
            Assert.Equal(StaffChange.Done, change);
            code = issued!;
        }
        var stored = await UserAsync(id);
        Assert.NotNull(stored.EnrolmentCodeHash);
        Assert.DoesNotContain(TwoFactorRules.NormaliseEnrolmentCode(code), stored.EnrolmentCodeHash!, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(AuditActions.EnrolmentCodeIssued, id));

        await PortalHttp.SignInAsync(client, email);
        await PortalHttp.PostFormAsync(client, "/account/security", "enrolment-code", new Dictionary<string, string> { ["Enrolment.Code"] = code.ToLowerInvariant() });
        page = await (await PortalHttp.PostFormAsync(client, "/account/security", "start-2fa", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        var key = SharedKey().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key));
        page = await (await PortalHttp.PostFormAsync(client, "/account/security", "enable-2fa", new Dictionary<string, string> { ["Enable.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) })).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"recovery-codes\"", page, StringComparison.Ordinal);
        var enrolled = await UserAsync(id);
        Assert.True(enrolled.TwoFactorEnabled);
        Assert.Null(enrolled.EnrolmentCodeHash);
        Assert.Null(enrolled.EnrolmentAllowedUntilUtc);
    }

    [Fact]
    public async Task Replacing_an_authenticator_needs_the_password_and_a_current_code()
    {
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.ComplianceOfficer);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);
        var page = await (await PortalHttp.PostFormAsync(client, "/account/security", "start-2fa", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        var key = SharedKey().Match(page).Groups[1].Value;
        await PortalHttp.PostFormAsync(client, "/account/security", "enable-2fa", new Dictionary<string, string> { ["Enable.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.True((await UserAsync(id)).TwoFactorEnabled);

        var refused = await (await PortalHttp.PostFormAsync(client, "/account/security", "reset-authenticator",
            new Dictionary<string, string> { ["Reset.Password"] = "not the password at all", ["Reset.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) })).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error-Reset\"", refused, StringComparison.Ordinal);
        await PortalHttp.PostFormAsync(client, "/account/security", "reset-authenticator",
            new Dictionary<string, string> { ["Reset.Password"] = PortalHttp.Password, ["Reset.Code"] = "000000" });
        Assert.True((await UserAsync(id)).TwoFactorEnabled);

        await PortalHttp.PostFormAsync(client, "/account/security", "reset-authenticator",
            new Dictionary<string, string> { ["Reset.Password"] = PortalHttp.Password, ["Reset.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.False((await UserAsync(id)).TwoFactorEnabled);
    }

    [GeneratedRegex("data-testid=\"shared-key\">([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();
}
