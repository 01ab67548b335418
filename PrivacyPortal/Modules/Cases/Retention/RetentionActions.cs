namespace PrivacyPortal.Modules.Cases.Retention;

/// <summary>Audit actions of retention rules, purges and legal holds.</summary>
public static class RetentionActions
{
    public const string RuleTarget = "retention-rule";
    public const string HoldTarget = "legal-hold";

    public const string RuleSaved = "retention.rule-saved";
    public const string RuleDryRun = "retention.rule-dry-run";
    public const string RuleActivated = "retention.rule-activated";
    public const string RulePaused = "retention.rule-paused";
    public const string PurgeRun = "retention.purge-run";
    public const string PortalRecordsExpired = "retention.portal-records-expired";
    public const string PurgeStopped = "retention.purge-stopped";
    public const string PurgeResumed = "retention.purge-resumed";
    public const string OwnerPurgeRecorded = "retention.owner-purge-recorded";
    public const string HoldPlaced = "retention.hold-placed";
    public const string HoldReleased = "retention.hold-released";
    public const string HoldReviewOverdue = "retention.hold-review-overdue";

    public static readonly string[] All = [RuleSaved, RuleDryRun, RuleActivated, RulePaused, PurgeRun, PurgeStopped, PurgeResumed, OwnerPurgeRecorded, HoldPlaced, HoldReleased, HoldReviewOverdue];
}
