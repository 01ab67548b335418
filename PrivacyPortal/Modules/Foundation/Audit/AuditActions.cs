namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>The names of what the trail records. Later features add their own beside these.</summary>
public static class AuditActions
{
    public const string SetupCompleted = "setup.completed";
    public const string DemoDataGenerated = "setup.demo-data";

    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string LockedOut = "signin.locked-out";
    public const string SignInThrottled = "signin.throttled";
    public const string SignedOut = "signout";

    public const string TwoFactorEnabled = "2fa.enabled";
    public const string TwoFactorDisabled = "2fa.disabled";
    public const string TwoFactorReset = "2fa.reset";
    public const string EnrolmentCodeIssued = "2fa.enrolment-code-issued";
    public const string EnrolmentCodeUsed = "2fa.enrolment-code-used";
    public const string EnrolmentCodeRefused = "2fa.enrolment-code-refused";
    public const string RecoveryCodesGenerated = "2fa.recovery-codes";
    public const string PasswordChanged = "password.changed";

    public const string StaffCreated = "staff.created";
    public const string StaffRolesChanged = "staff.roles-changed";
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";
    public const string StaffUnlocked = "staff.unlocked";

    public const string AuthorizationDenied = "authz.denied";

    public const string ChainVerified = "audit.verified";
    public const string CheckpointSigned = "audit.checkpoint-signed";
    public const string CheckpointVerified = "audit.checkpoint-verified";
    public const string Pruned = "audit.pruned";
    public const string PruneRefused = "audit.prune-refused";
    public const string Exported = "audit.exported";
}
