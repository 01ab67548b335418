using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Security;

namespace PrivacyPortal.Tests.Security;

public sealed class TwoFactorRulesTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private TwoFactorRules Rules() => new(Options.Create(new TwoFactorOptions { RequiredRoles = [Roles.Admin, Roles.ComplianceOfficer], GraceDays = 7 }), clock);

    [Fact]
    public void Required_roles_get_a_grace_period_then_are_refused_until_enrolled()
    {
        var rules = Rules();
        var user = new StaffUser { CreatedAtUtc = clock.GetUtcNow().UtcDateTime, TwoFactorDueUtc = rules.GraceEndsFromNow() };

        Assert.Equal(TwoFactorState.Grace, rules.StateOf(user, [Roles.ComplianceOfficer]));
        clock.Advance(TimeSpan.FromDays(7).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal(TwoFactorState.Required, rules.StateOf(user, [Roles.ComplianceOfficer]));

        user.TwoFactorEnabled = true;
        Assert.Equal(TwoFactorState.Enrolled, rules.StateOf(user, [Roles.ComplianceOfficer]));
    }

    [Fact]
    public void Other_roles_may_use_two_factor_but_are_never_forced()
    {
        var rules = Rules();
        var user = new StaffUser { CreatedAtUtc = clock.GetUtcNow().UtcDateTime.AddYears(-1) };

        Assert.Equal(TwoFactorState.NotRequired, rules.StateOf(user, [Roles.CustomerService, Roles.Auditor]));
    }
}
