using MailKit.Security;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>The <c>Notifications</c> section. Every value has a default here so an empty section still runs.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    public EmailChannelOptions Email { get; set; } = new();

    public SmsChannelOptions Sms { get; set; } = new();

    public PushChannelOptions Push { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>The 400 hotline printed in messages, e.g. on request acknowledgements.</summary>
    public string Hotline { get; set; } = "400-000-0000";
}

public sealed class EmailChannelOptions
{
    /// <summary>SMTP relay; empty means "write .eml files to <see cref="PickupDirectory"/>" (the Development default).</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "privacy@privacy-portal.local";

    public string FromName { get; set; } = "Privacy Portal";

    /// <summary>Relative to the content root. Used when <see cref="Host"/> is empty.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail-pickup";

    /// <summary>Production writes mail to <see cref="PickupDirectory"/> only when this is set: the files hold whole messages in clear.</summary>
    public bool AllowPickupFolder { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class SmsChannelOptions
{
    /// <summary>The company's own SMS platform (HTTP gateway). Empty: SMS messages fail with a clear reason.</summary>
    public string Url { get; set; } = "";

    public string Account { get; set; } = "";

    /// <summary>Sent as the X-Api-Key header when set.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The approved SMS signature (短信签名), shown as 【signature】 in front of the text.</summary>
    public string Signature { get; set; } = "隐私保护";

    /// <summary>The gateway's template id for free-text notification messages.</summary>
    public string TemplateId { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 10;
}

public sealed class PushChannelOptions
{
    /// <summary>The app push platform's webhook. Empty: push messages fail with a clear reason.</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>Sent as the X-Api-Key header when set.</summary>
    public string ApiKey { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 10;
}

public sealed class OutboxOptions
{
    /// <summary>Rows one dispatcher claims at a time.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Campaign rows one claim takes at most: a campaign leaves in slices this small, and between two slices anything
    /// more urgent that arrived goes first.
    /// </summary>
    public int CampaignSliceSize { get; set; } = 20;

    /// <summary>
    /// How often each instance looks for urgent messages (verification and delivery codes) between the minute-by-minute
    /// runs, so a caller on the hotline gets a code in seconds; zero turns the look-out off.
    /// </summary>
    public TimeSpan UrgentPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tries before a message ends as Failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failure; doubles with every further failure (1, 2, 4 … 64 minutes: about two hours of relay outage before a message fails).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A claim older than this belongs to a dispatcher that died: its messages are sent (at most) once more.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one job run keeps draining before it leaves the rest to the next run.</summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>Messages per second per channel; 0 means unthrottled. Gateways and relays set their own limits.</summary>
    public Dictionary<NotificationChannel, int> MessagesPerSecond { get; set; } = new()
    {
        [NotificationChannel.Email] = 50,
        [NotificationChannel.Sms] = 20,
        [NotificationChannel.Push] = 100,
        [NotificationChannel.Announcement] = 0,
    };
}
