namespace PrivacyPortal.Configuration;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The languages of the UI: Chinese first (the default), English second.</summary>
    public static readonly System.Globalization.CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>Instants are stored in UTC and shown in this zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The company whose promises the portal keeps, as the person knows it (public pages name it).</summary>
    public string CompanyName { get; set; } = "讯众股份";

    public string DefaultCulture { get; set; } = "zh-CN";

    /// <summary>Daily rolling log file; relative paths are under the content root.</summary>
    public string LogFile { get; set; } = "App_Data/logs/portal-.log";

    public int LogRetainedDays { get; set; } = 30;
}
