using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>Whether a channel can deliver at all: a relay or gateway is set, mail only goes to a local folder, or nothing is set.</summary>
public enum ChannelReadiness
{
    Ready,
    /// <summary>E-mail without a relay: messages are written to the pickup folder and reach no one.</summary>
    PickupOnly,
    NotConfigured,
}

/// <summary>One message as staff may see it: never its body, only where it stands and why.</summary>
public sealed record MessageStatusRow(long Id, string Purpose, NotificationChannel Channel, string? RecipientMasked, OutboxStatus Status, int Attempts,
    DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime NextAttemptUtc, ChannelReadiness Readiness, bool HasError)
{
    /// <summary>The resource key of what staff are told: sent, written to the folder only, waiting (and why), failed (and why).</summary>
    public string ReasonKey => (Status, Readiness) switch
    {
        (OutboxStatus.Sent, ChannelReadiness.PickupOnly) => "Notifications.Reason.PickupOnly",
        (OutboxStatus.Sent, _) => "Notifications.Reason.Sent",
        (_, ChannelReadiness.NotConfigured) => "Notifications.Reason.NotConfigured",
        (OutboxStatus.Failed, _) => "Notifications.Reason.Failed",
        (_, _) when HasError => "Notifications.Reason.Retrying",
        _ => "Notifications.Reason.Queued",
    };

    /// <summary>Delivered to the person, as far as the portal can know (accepted by the relay or gateway).</summary>
    public bool Delivered => Status == OutboxStatus.Sent && Readiness == ChannelReadiness.Ready;
}

/// <summary>
/// Where the messages of a case or an incident stand, and whether each channel can deliver at all, so no page says
/// "sent" of a message still in the outbox, or of one written to a local folder.
/// </summary>
public sealed class MessageStatusService(IDbContextFactory<PortalDbContext> contexts, IOptions<NotificationsOptions> options)
{
    public ChannelReadiness Readiness(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email when !string.IsNullOrWhiteSpace(options.Value.Email.Host) => ChannelReadiness.Ready,
        NotificationChannel.Email => ChannelReadiness.PickupOnly,
        NotificationChannel.Sms => string.IsNullOrWhiteSpace(options.Value.Sms.Url) ? ChannelReadiness.NotConfigured : ChannelReadiness.Ready,
        NotificationChannel.Push => string.IsNullOrWhiteSpace(options.Value.Push.WebhookUrl) ? ChannelReadiness.NotConfigured : ChannelReadiness.Ready,
        // Announcements are published on the portal's own /notices page.
        _ => ChannelReadiness.Ready,
    };

    /// <summary>The channels that cannot deliver to anyone, for a warning before staff rely on them.</summary>
    public IReadOnlyList<(NotificationChannel Channel, ChannelReadiness Readiness)> UnreadyChannels() =>
        [.. Enum.GetValues<NotificationChannel>().Select(c => (c, Readiness(c))).Where(c => c.Item2 != ChannelReadiness.Ready)];

    /// <summary>Every message whose correlation id starts with <paramref name="correlationPrefix"/> (e.g. "request:12:"), oldest first.</summary>
    public async Task<IReadOnlyList<MessageStatusRow>> ForAsync(string correlationPrefix, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.CorrelationId != null && m.CorrelationId.StartsWith(correlationPrefix))
            .OrderBy(m => m.Id).Take(200)
            .Select(m => new { m.Id, m.Purpose, m.Channel, m.RecipientMasked, m.Status, m.Attempts, m.CreatedAtUtc, m.SentAtUtc, m.NextAttemptUtc, HasError = m.LastError != null })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new MessageStatusRow(m.Id, m.Purpose, m.Channel, m.RecipientMasked, m.Status, m.Attempts, m.CreatedAtUtc, m.SentAtUtc,
            m.NextAttemptUtc, Readiness(m.Channel), m.HasError))];
    }

    /// <summary>Messages that failed for good since <paramref name="sinceUtc"/>, and those still waiting after <paramref name="waitingSinceUtc"/>.</summary>
    public async Task<(int Failed, int Waiting)> TroubleAsync(DateTime sinceUtc, DateTime waitingSinceUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var failed = await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Failed && m.CreatedAtUtc >= sinceUtc, cancellationToken);
        var waiting = await db.Set<OutboxMessage>().CountAsync(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending) && m.CreatedAtUtc < waitingSinceUtc, cancellationToken);
        return (failed, waiting);
    }
}
