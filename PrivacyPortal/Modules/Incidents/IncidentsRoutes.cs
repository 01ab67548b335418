using System.Globalization;

namespace PrivacyPortal.Modules.Incidents;

/// <summary>The Incidents module's addresses, relative to the portal's base (pages declare "/" + the constant).</summary>
public static class IncidentsRoutes
{
    public const string Breaches = "breaches";
    public const string BreachTemplate = "breaches/{Id:long}";
    public const string BreachReportDocumentTemplate = "breaches/reports/{id:long}/docx";
    public const string Campaigns = "campaigns";
    public const string CampaignTemplate = "campaigns/{Id:long}";
    public const string PolicyVersions = "campaigns/policies";

    public static string Breach(long id) => $"breaches/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string BreachReportDocument(long reportId) => $"breaches/reports/{reportId.ToString(CultureInfo.InvariantCulture)}/docx";

    public static string Campaign(long id) => $"campaigns/{id.ToString(CultureInfo.InvariantCulture)}";
}
