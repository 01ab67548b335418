namespace PrivacyPortal.Modules.Foundation;

/// <summary>The Foundation module's addresses, relative to the portal's base (pages declare "/" + the constant).</summary>
public static class FoundationRoutes
{
    public const string Clocks = "clocks";
    public const string Calendar = "clocks/calendar";
    public const string Presets = "clocks/presets";
    public const string Templates = "notifications/templates";
    public const string Outbox = "notifications/outbox";
    public const string Notices = "notices";
    public const string Staff = "staff";
    public const string Health = "health";
    public const string HealthProbe = "healthz";
    public const string Jobs = "jobs";
}
