using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Health;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation;

/// <summary>The UI text of the Foundation module (FoundationText.resx, FoundationText.zh-CN.resx beside it) and the key families of its enums.</summary>
public sealed class FoundationText
{
    public static readonly StringText NotificationsPurpose = new("Notifications.Purpose", () => NotificationPurposes.All.Select(p => p.Name));

    public static readonly EnumText<HealthStatus> HealthStatus = new("Health.Status");

    public static readonly StringText HealthCheck = new("Health.Check", () => PortalHealthChecks.All);

    public static readonly EnumText<AuditOutcome> AuditOutcome = new("Audit.Outcome");

    public static readonly EnumText<CalendarDayKind> CalendarKind = new("Calendar.Kind");

    public static readonly EnumText<ClockEntryKind> ClocksEntry = new("Clocks.Entry");

    public static readonly EnumText<ClockFilter> ClocksFilter = new("Clocks.Filter");

    public static readonly EnumText<ClockRuleKind> ClocksKind = new("Clocks.Kind");

    /// <summary>The single reasons, without "none" and without combinations.</summary>
    public static readonly IReadOnlyList<PauseReasons> ClocksPauseReasonValues = [PauseReasons.IdentityProof, PauseReasons.Fee, PauseReasons.Other];

    public static readonly EnumText<PauseReasons> ClocksPauseReason = new("Clocks.PauseReason", [.. ClocksPauseReasonValues]);

    public static readonly EnumText<NotificationChannel> NotificationsChannel = new("Notifications.Channel");

    public static readonly EnumText<OutboxStatus> NotificationsStatus = new("Notifications.Status");

    public static readonly EnumText<ClockUnit> PresetsUnitName = new("Presets.UnitName");
}
