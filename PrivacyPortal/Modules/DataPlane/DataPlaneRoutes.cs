using System.Globalization;

namespace PrivacyPortal.Modules.DataPlane;

/// <summary>The DataPlane module's addresses, relative to the portal's base (pages declare "/" + the constant).</summary>
public static class DataPlaneRoutes
{
    public const string Subjects = "subjects";
    public const string SubjectTemplate = "subjects/{Id:long}";
    public const string Inventory = "inventory";
    public const string Categories = "inventory/categories";
    public const string Recipients = "inventory/recipients";
    public const string Purposes = "inventory/purposes";
    public const string Disclosures = "inventory/disclosures";
    public const string ConnectorTemplate = "inventory/systems/{Id:int}/connector";
    public const string ConnectorTasks = "connectors/tasks";
    public const string ExportDownloadTemplate = "exports/{id:long}/download";

    public static string Subject(long id) => $"subjects/{id.ToString(CultureInfo.InvariantCulture)}";

    public static string Connector(int systemId) => $"inventory/systems/{systemId.ToString(CultureInfo.InvariantCulture)}/connector";

    public static string ExportDownload(long packageId) => $"exports/{packageId.ToString(CultureInfo.InvariantCulture)}/download";
}
