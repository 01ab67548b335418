using Microsoft.AspNetCore.Identity;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;

namespace PrivacyPortal.Components.Account;

/// <summary>Sign-in outcomes for the audit trail, by account id only: a failed attempt never records what was typed.</summary>
internal sealed class SignInRecorder(AuditTrail audit, UserManager<StaffUser> users, TimeProvider time)
{
    public async Task SucceededAsync(StaffUser user, string method)
    {
        user.LastSignInUtc = time.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditActions.SignInSucceeded, targetType: "staff", targetId: user.Id, actorId: user.Id, detail: new { method });
    }

    public Task FailedAsync(string? userId, string reason) =>
        audit.RecordAsync(AuditActions.SignInFailed, AuditOutcome.Failure, "staff", userId, actorId: userId ?? AuditActors.Anonymous, detail: new { reason });

    /// <summary>One event per burst (SignInGuard decides which): the attempts refused after it are not recorded one by one.</summary>
    public Task ThrottledAsync(string limit) =>
        audit.RecordAsync(AuditActions.SignInThrottled, AuditOutcome.Denied, "staff", null, actorId: AuditActors.Anonymous, detail: new { limit });

    public async Task LockedOutAsync(StaffUser user) =>
        await audit.RecordAsync(AuditActions.LockedOut, AuditOutcome.Denied, "staff", user.Id, actorId: user.Id,
            detail: new { until = (await users.GetLockoutEndDateAsync(user))?.UtcDateTime });
}
