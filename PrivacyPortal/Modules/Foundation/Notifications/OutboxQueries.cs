using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Notifications;

public sealed record OutboxQuery(string? Search, OutboxStatus? Status, NotificationChannel? Channel, int Page, int PageSize, bool OldestFirst = false);

public sealed record OutboxRow(long Id, NotificationChannel Channel, string Purpose, string Language, string? RecipientMasked, string Subject,
    OutboxStatus Status, int Attempts, DateTime CreatedAtUtc, DateTime NextAttemptUtc, DateTime? SentAtUtc, string? LastError);

/// <summary>One message as its recipient saw it: sender line, masked address, subject, text.</summary>
public sealed record OutboxMessageView(OutboxRow Row, string MessageId, string From, string Subject, string Body);

public sealed record TestMessageInput(NotificationChannel Channel, string Language, string Recipient);

/// <summary>The outbox page's reads, and the templates page's test message.</summary>
public sealed class OutboxQueries(IDbContextFactory<PortalDbContext> contexts, NotificationOutbox outbox, AuditTrail audit, CurrentActor actor,
    PortalTime portalTime, IOptions<NotificationsOptions> options)
{
    public async Task<PagedResult<OutboxRow>> QueryAsync(OutboxQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<OutboxMessage>().AsNoTracking();
        if (query.Status is { } status)
        {
            rows = rows.Where(m => m.Status == status);
        }
        if (query.Channel is { } channel)
        {
            rows = rows.Where(m => m.Channel == channel);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            if (long.TryParse(s.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                rows = rows.Where(m => m.Id == id);
            }
            else
            {
                rows = rows.Where(m => m.Subject.Contains(s) || m.Purpose.Contains(s) || (m.CorrelationId != null && m.CorrelationId.Contains(s))
                    || (m.RecipientMasked != null && m.RecipientMasked.Contains(s)));
            }
        }
        var total = await rows.CountAsync(cancellationToken);
        var ordered = query.OldestFirst ? rows.OrderBy(m => m.Id) : rows.OrderByDescending(m => m.Id);
        var page = await ordered
            .Skip(Math.Max(0, query.Page) * Math.Clamp(query.PageSize, 1, 200))
            .Take(Math.Clamp(query.PageSize, 1, 200))
            .Select(m => new OutboxRow(m.Id, m.Channel, m.Purpose, m.Language, m.RecipientMasked, m.Subject, m.Status, m.Attempts,
                m.CreatedAtUtc, m.NextAttemptUtc, m.SentAtUtc, m.LastError))
            .ToListAsync(cancellationToken);
        return new PagedResult<OutboxRow>(page, total);
    }

    public async Task<OutboxMessageView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var m = await db.Set<OutboxMessage>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (m is null)
        {
            return null;
        }
        var row = new OutboxRow(m.Id, m.Channel, m.Purpose, m.Language, m.RecipientMasked, m.Subject, m.Status, m.Attempts, m.CreatedAtUtc, m.NextAttemptUtc, m.SentAtUtc, m.LastError);
        var settings = options.Value;
        var (from, body) = m.Channel switch
        {
            NotificationChannel.Email => ($"{settings.Email.FromName} <{settings.Email.From}>", m.Body),
            // SMS carries its approved signature in front of the text, as the phone shows it.
            NotificationChannel.Sms => ($"【{settings.Sms.Signature}】", $"【{settings.Sms.Signature}】{m.Body}"),
            _ => ("", m.Body),
        };
        await audit.RecordAsync(NotificationAuditActions.MessageViewed, targetType: "outbox-message", targetId: id.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return new OutboxMessageView(row, NotificationOutbox.MessageId(m.Id), from, m.Subject, body);
    }

    /// <summary>Queues a Test message to an address the officer typed; returns the field errors or the outbox id.</summary>
    public async Task<(FieldErrors Errors, long? Id)> QueueTestAsync(TestMessageInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (input.Channel is not (NotificationChannel.Email or NotificationChannel.Sms or NotificationChannel.Push))
        {
            errors[nameof(input.Channel)] = "Notifications.Error.Channel";
        }
        else if (NotificationOutbox.RecipientError(input.Channel, input.Recipient) is { } error)
        {
            errors[nameof(input.Recipient)] = error;
        }
        if (!NotificationLanguages.All.Contains(input.Language))
        {
            errors[nameof(input.Language)] = "Notifications.Error.Language";
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }

        var actorId = await actor.GetActorIdAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sender = await db.Users.Where(u => u.Id == actorId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? actorId;
        var values = new Dictionary<string, string>
        {
            ["sent_by"] = sender,
            ["sent_at"] = portalTime.Format(portalTime.UtcNow),
        };
        var message = await outbox.AddAsync(db, new NotificationRequest(input.Channel, NotificationPurposes.Test, input.Language, input.Recipient, values), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(NotificationAuditActions.TestQueued, targetType: "outbox-message", targetId: message.Id.ToString(CultureInfo.InvariantCulture),
            detail: new { channel = input.Channel.ToString(), language = input.Language }, cancellationToken: cancellationToken);
        return (errors, message.Id);
    }

    public async Task<IReadOnlyList<PublicNotice>> NoticesAsync(string language, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notices = await db.Set<PublicNotice>().AsNoTracking().Where(n => n.Language == language).ToListAsync(cancellationToken);
        return notices.OrderByDescending(n => n.PublishedAtUtc).ThenByDescending(n => n.Id).Take(take).ToList();
    }
}
