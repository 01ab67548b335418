namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>The names the audit trail records for breach incidents.</summary>
public static class BreachActions
{
    public const string Recorded = "breach.recorded";
    public const string Edited = "breach.edited";
    public const string StepDone = "breach.step-done";
    public const string Graded = "breach.graded";
    public const string ThresholdsSaved = "breach.thresholds-saved";
    public const string AffectedImported = "breach.affected-imported";
    public const string AffectedLinked = "breach.affected-linked";
    public const string HandlingEnded = "breach.handling-ended";
    public const string Closed = "breach.closed";
    public const string ReportDrafted = "breach.report-drafted";
    public const string ReportEdited = "breach.report-edited";
    public const string ReportDownloaded = "breach.report-downloaded";
    public const string ReportSubmitted = "breach.report-submitted";
    public const string DutyDecided = "breach.duty-decided";

    public static readonly IReadOnlyList<string> All =
        [Recorded, Edited, StepDone, Graded, ThresholdsSaved, AffectedImported, AffectedLinked, HandlingEnded, Closed, ReportDrafted, ReportEdited, ReportDownloaded, ReportSubmitted, DutyDecided];
}

/// <summary>Owner type of the clocks an incident starts.</summary>
public static class BreachClocks
{
    public const string OwnerType = "incident";
}
