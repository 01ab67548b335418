namespace PrivacyPortal.Modules.Foundation.Notifications;

public enum NotificationChannel
{
    Email = 1,
    Sms = 2,
    Push = 3,
    /// <summary>A public announcement on the anonymous /notices page.</summary>
    Announcement = 4,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its first try or its next retry.</summary>
    Pending = 0,
    /// <summary>Claimed by a dispatcher; if its lease runs out the dispatcher died and the message is taken again.</summary>
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

public static class NotificationLanguages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];
}

/// <summary>The names the audit trail records for this feature.</summary>
public static class NotificationAuditActions
{
    public const string TemplateSaved = "notification.template-saved";
    public const string TestQueued = "notification.test-queued";
    public const string MessageViewed = "notification.message-viewed";
}
