using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace PrivacyPortal.Security;

public sealed class TwoFactorOptions
{
    public const string Section = "Security:TwoFactor";

    /// <summary>Roles that must sign in with a second factor (DESIGN: Admin and ComplianceOfficer).</summary>
    public List<string> RequiredRoles { get; set; } = [];

    /// <summary>Days between being given such a role and being refused without two-factor; reminders meanwhile.</summary>
    public int GraceDays { get; set; } = 7;
}

public enum TwoFactorState
{
    NotRequired,
    Enrolled,
    /// <summary>Required for the user's roles, not set up yet, still allowed until the due date.</summary>
    Grace,
    /// <summary>Required and overdue: every page but the account's own security settings is refused.</summary>
    Required,
}

/// <summary>Decides, from the account and its roles, where the user stands with two-factor sign-in.</summary>
public sealed class TwoFactorRules(IOptions<TwoFactorOptions> options, TimeProvider time)
{
    public const string ClaimType = "pp:2fa";

    public bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(r => options.Value.RequiredRoles.Contains(r, StringComparer.Ordinal));

    public DateTime GraceEndsFromNow() => time.GetUtcNow().UtcDateTime.AddDays(options.Value.GraceDays);

    /// <summary>How long an Admin-issued enrolment code stays valid, and how long setup stays open once it is entered.</summary>
    public static readonly TimeSpan EnrolmentCodeLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan EnrolmentWindow = TimeSpan.FromMinutes(30);

    /// <summary>Past the grace period, an authenticator may be set up only after an Admin-issued code was entered.</summary>
    public bool MaySetUp(StaffUser user, TwoFactorState state) =>
        state != TwoFactorState.Required || user.EnrolmentAllowedUntilUtc > time.GetUtcNow().UtcDateTime;

    public static string HashEnrolmentCode(string code) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(NormaliseEnrolmentCode(code))));

    public static string NormaliseEnrolmentCode(string code) =>
        new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    /// <summary>Ten characters from an alphabet without look-alikes, shown as XXXXX-XXXXX.</summary>
    public static string NewEnrolmentCode()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(alphabet, 10);
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    public TwoFactorState StateOf(StaffUser user, IEnumerable<string> roles)
    {
        if (user.TwoFactorEnabled)
        {
            return TwoFactorState.Enrolled;
        }
        if (!IsRequiredFor(roles))
        {
            return TwoFactorState.NotRequired;
        }
        var due = user.TwoFactorDueUtc ?? user.CreatedAtUtc.AddDays(options.Value.GraceDays);
        return due > time.GetUtcNow().UtcDateTime ? TwoFactorState.Grace : TwoFactorState.Required;
    }
}

public sealed class TwoFactorRequirement : IAuthorizationRequirement
{
    public static readonly TwoFactorRequirement Instance = new();
}

/// <summary>Reads the state stamped into the sign-in cookie (refreshed with the security stamp).</summary>
public sealed class TwoFactorRequirementHandler : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        if (context.User.FindFirst(TwoFactorRules.ClaimType)?.Value != nameof(TwoFactorState.Required))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
