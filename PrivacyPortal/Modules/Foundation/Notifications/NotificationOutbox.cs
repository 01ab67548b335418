using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PrivacyPortal.Data;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>What a feature asks to send. <paramref name="Recipient"/> is null for announcements.</summary>
public sealed record NotificationRequest(
    NotificationChannel Channel,
    string Purpose,
    string Language,
    string? Recipient,
    IReadOnlyDictionary<string, string> Values,
    string? CorrelationId = null,
    DateTime? SecretsValidUntilUtc = null);

/// <summary>One addressee of a campaign, with the values that differ per person (case number, …).</summary>
public sealed record CampaignRecipient(string? Recipient, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// Writes outbox rows. <see cref="AddAsync"/> adds them to the caller's context so they are saved in the same
/// transaction as the decision that causes them; nothing is sent until that transaction commits.
/// </summary>
public sealed partial class NotificationOutbox(IDbContextFactory<PortalDbContext> contexts, TemplateRenderer renderer, RecipientProtector protector, MessageSecrets secrets, TimeProvider time)
{
    public const string MessageIdDomain = "privacy-portal";

    /// <summary>How long the secrets of a message live when the sender does not say (a one-time code lives minutes).</summary>
    public static readonly TimeSpan DefaultSecretLifetime = TimeSpan.FromDays(1);

    /// <summary>Stable across retries, so a receiver can drop a message it already has.</summary>
    public static string MessageId(long outboxId) => $"outbox-{outboxId.ToString(CultureInfo.InvariantCulture)}@{MessageIdDomain}";

    /// <summary>Adds one message to <paramref name="db"/>; the caller saves it with its own change.</summary>
    public async Task<OutboxMessage> AddAsync(PortalDbContext db, NotificationRequest request, CancellationToken cancellationToken = default)
    {
        var template = await LoadTemplateAsync(db, request.Purpose, request.Language, cancellationToken);
        var message = Build(template, request.Channel, request.Recipient, request.Values, request.CorrelationId, NotificationPurposes.PriorityOf(request.Purpose), time.GetUtcNow().UtcDateTime,
            request.SecretsValidUntilUtc);
        db.Set<OutboxMessage>().Add(message);
        return message;
    }

    /// <summary>Adds one message per recipient to <paramref name="db"/> (template loaded once); the caller saves.</summary>
    public async Task<int> AddCampaignAsync(PortalDbContext db, NotificationChannel channel, string purpose, string language,
        IEnumerable<CampaignRecipient> recipients, string correlationId, CancellationToken cancellationToken = default)
    {
        var template = await LoadTemplateAsync(db, purpose, language, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var set = db.Set<OutboxMessage>();
        var count = 0;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var recipient in recipients)
            {
                set.Add(Build(template, channel, recipient.Recipient, recipient.Values, correlationId, OutboxPriority.Campaign, now));
                count++;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        return count;
    }

    /// <summary>Convenience for callers with nothing else to save: writes the message at once.</summary>
    public async Task<long> EnqueueAsync(NotificationRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var message = await AddAsync(db, request, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return message.Id;
    }

    /// <summary>Convenience for a whole campaign: one transaction, so it is queued entirely or not at all.</summary>
    public async Task<int> EnqueueCampaignAsync(NotificationChannel channel, string purpose, string language,
        IEnumerable<CampaignRecipient> recipients, string correlationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await WriteCampaignAsync(db, channel, purpose, language, recipients, correlationId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// For large campaigns: writes the rows at once inside <paramref name="db"/>'s current transaction (which the
    /// caller opened for its own change and commits), with one prepared INSERT instead of change tracking, which
    /// costs about ten times more per row at 100,000 rows.
    /// </summary>
    public async Task<int> WriteCampaignAsync(PortalDbContext db, NotificationChannel channel, string purpose, string language,
        IEnumerable<CampaignRecipient> recipients, string correlationId, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Open a transaction on the context first: the campaign is written inside it.");
        var template = await LoadTemplateAsync(db, purpose, language, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = properties.Select((p, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
            return (Getter: p.GetGetter(), Parameter: parameter);
        }).ToList();

        // Rendering and sealing the address take about as long as the insert: the next chunk is built on the other
        // core while this one is written.
        OutboxMessage[] BuildChunk(CampaignRecipient[] chunk) =>
            Array.ConvertAll(chunk, r => Build(template, channel, r.Recipient, r.Values, correlationId, OutboxPriority.Campaign, now));
        using var chunks = recipients.Chunk(1024).GetEnumerator();
        Task<OutboxMessage[]>? next = null;
        if (chunks.MoveNext())
        {
            var first = chunks.Current;
            next = Task.Run(() => BuildChunk(first), cancellationToken);
        }

        var count = 0;
        while (next is not null)
        {
            var built = await next;
            next = null;
            if (chunks.MoveNext())
            {
                var following = chunks.Current;
                next = Task.Run(() => BuildChunk(following), cancellationToken);
            }
            foreach (var message in built)
            {
                await InsertAsync(message);
            }
        }
        return count;

        async Task InsertAsync(OutboxMessage message)
        {
            foreach (var (getter, parameter) in parameters)
            {
                var value = getter.GetClrValueUsingContainingEntity(message);
                parameter.Value = value switch
                {
                    null => DBNull.Value,
                    Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
                    _ => value,
                };
            }
            if (count == 0)
            {
                await command.PrepareAsync(cancellationToken);
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }
    }

    /// <summary>Resource key of what is wrong with <paramref name="recipient"/> for <paramref name="channel"/>, or null.</summary>
    public static string? RecipientError(NotificationChannel channel, string? recipient)
    {
        var value = recipient?.Trim() ?? "";
        switch (channel)
        {
            case NotificationChannel.Announcement:
                return null;
            case NotificationChannel.Email:
                if (value.Length == 0)
                {
                    return "Validation.Required";
                }
                return value.Length <= 254 && !value.Any(char.IsWhiteSpace) && MailAddress.TryCreate(value, out var address)
                    && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal) ? null : "Validation.Email";
            case NotificationChannel.Sms:
                if (value.Length == 0)
                {
                    return "Validation.Required";
                }
                return MobilePattern().IsMatch(value) ? null : "Notifications.Error.Mobile";
            case NotificationChannel.Push:
                if (value.Length == 0)
                {
                    return "Validation.Required";
                }
                return value.Length <= 200 && DevicePattern().IsMatch(value) ? null : "Notifications.Error.Device";
            default:
                return "Notifications.Error.Channel";
        }
    }

    /// <summary>Mainland mobile numbers: SMS goes through the company's own platform, which serves +86 only.</summary>
    public static string NormalizeMobile(string value)
    {
        var digits = new string(value.Where(char.IsDigit).ToArray());
        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    private OutboxMessage Build(NotificationTemplate template, NotificationChannel channel, string? recipient, IReadOnlyDictionary<string, string> values, string? correlationId,
        OutboxPriority priority, DateTime now, DateTime? secretsValidUntil = null)
    {
        if (RecipientError(channel, recipient) is { } error)
        {
            throw new ArgumentException($"Recipient is not valid for {channel} ({error}).", nameof(recipient));
        }
        // Secrets are rendered as stand-ins and masked; their values are sealed apart and put in at send time.
        var secretNames = (NotificationPurposes.Find(template.Purpose)?.Secrets ?? []).Where(values.ContainsKey).ToList();
        var rendered = values;
        if (secretNames.Count > 0)
        {
            var copy = new Dictionary<string, string>(values, StringComparer.Ordinal);
            for (var i = 0; i < secretNames.Count; i++)
            {
                copy[secretNames[i]] = MessageSecrets.Slot(i);
            }
            rendered = copy;
        }
        var subject = renderer.Render(template.Subject, rendered);
        var body = renderer.Render(template.Body, rendered);
        if (subject.SyntaxError is not null || body.SyntaxError is not null)
        {
            throw new InvalidOperationException($"Template {template.Id} does not render.");
        }
        var (subjectText, subjectSlots) = MessageSecrets.Redact(subject.Text!);
        var (bodyText, bodySlots) = MessageSecrets.Redact(body.Text!);
        var sealedSecrets = secretNames.Count == 0 ? null
            : secrets.Seal(secretNames.Select(n => values[n]).ToList(), subjectSlots, bodySlots);
        string? address = channel switch
        {
            NotificationChannel.Announcement => null,
            NotificationChannel.Sms => NormalizeMobile(recipient!),
            _ => recipient!.Trim(),
        };
        return new OutboxMessage
        {
            Channel = channel,
            Purpose = template.Purpose,
            Priority = priority,
            Language = template.Language,
            RecipientProtected = address is null ? null : protector.Protect(address),
            RecipientMasked = address is null ? null : RecipientProtector.Mask(channel, address),
            Subject = subjectText,
            Body = bodyText,
            SecretsProtected = sealedSecrets,
            SecretsExpireUtc = sealedSecrets is null ? null : secretsValidUntil ?? now + DefaultSecretLifetime,
            CorrelationId = correlationId,
            Status = OutboxStatus.Pending,
            CreatedAtUtc = now,
            NextAttemptUtc = now,
        };
    }

    private static async Task<NotificationTemplate> LoadTemplateAsync(PortalDbContext db, string purpose, string language, CancellationToken cancellationToken) =>
        await db.Set<NotificationTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Purpose == purpose && t.Language == language, cancellationToken)
        ?? throw new InvalidOperationException($"No notification template for {purpose} in {language}.");

    [GeneratedRegex(@"^(?:\+?86[ \-]?)?1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^[A-Za-z0-9:_\-\.]+$")]
    private static partial Regex DevicePattern();
}
