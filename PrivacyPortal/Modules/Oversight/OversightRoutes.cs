namespace PrivacyPortal.Modules.Oversight;

/// <summary>The Oversight module's addresses, relative to the portal's base (pages declare "/" + the constant).</summary>
public static class OversightRoutes
{
    public const string AuditSearch = "audit";
    public const string AccessReview = "audit/access";
    public const string Integrity = "audit/integrity";
    public const string AuditExportTemplate = "audit/export.{format:regex(^(csv|xlsx|jsonl)$)}";
    public const string LatestCheckpoint = "audit/checkpoints/latest";
    public const string PublicKey = "audit/public-key";
    public const string Reports = "reports";
    public const string ComplianceReportDocument = "reports/compliance.docx";

    /// <summary>The audit export of a search, as "audit/export.csv?...", ".xlsx" or ".jsonl".</summary>
    public static string AuditExport(string format, string query) => query.Length == 0 ? $"audit/export.{format}" : $"audit/export.{format}?{query}";
}
