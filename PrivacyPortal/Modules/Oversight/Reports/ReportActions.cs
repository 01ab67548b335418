namespace PrivacyPortal.Modules.Oversight.Reports;

/// <summary>The names the audit trail records for compliance reports.</summary>
public static class ReportActions
{
    public const string Target = "compliance-report";

    public const string ComplianceDownloaded = "reports.compliance-downloaded";

    public static readonly string[] All = [ComplianceDownloaded];
}
