using System.Globalization;

namespace PrivacyPortal.Modules.Cases;

/// <summary>The Cases module's addresses, relative to the portal's base (pages declare "/" + the constant).</summary>
public static class CasesRoutes
{
    public const string Intake = "requests/new";
    public const string Readback = "requests/status";
    public const string Queue = "requests";
    public const string CaseTemplate = "requests/{Id:long}";
    public const string Retention = "retention";
    public const string Holds = "retention/holds";
    public const string Backups = "backups";
    public const string DeliveryTemplate = "delivery/{Token}";
    public const string DeliveryDownloadTemplate = "delivery/{token}/download";

    public static string Case(long id) => $"requests/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The anonymous page where a person enters their code to collect an access package.</summary>
    public static string Delivery(string token) => "delivery/" + Uri.EscapeDataString(token);

    public static string DeliveryDownload(string token) => Delivery(token) + "/download";
}
