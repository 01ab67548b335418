namespace PrivacyPortal.Configuration;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The languages of the UI: Chinese first (the default), English second.</summary>
    public static readonly System.Globalization.CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>Instants are stored in UTC and shown in this zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public string DefaultCulture { get; set; } = "zh-CN";

    /// <summary>Daily rolling log file; relative paths are under the content root.</summary>
    public string LogFile { get; set; } = "App_Data/logs/portal-.log";

    public int LogRetainedDays { get; set; } = 30;
}
