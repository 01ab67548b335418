using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>
/// One message to send, written in the same transaction as the decision that causes it and sent later by
/// <see cref="OutboxDispatchJob"/>. Subject and body are rendered when the row is written: the row is what the
/// recipient gets, whatever happens to the template afterwards.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public NotificationChannel Channel { get; set; }

    public string Purpose { get; set; } = "";

    /// <summary>What leaves first when the outbox is busy (<see cref="NotificationPurposes.PriorityOf"/>; every campaign row is <see cref="OutboxPriority.Campaign"/>).</summary>
    public OutboxPriority Priority { get; set; }

    public string Language { get; set; } = "";

    /// <summary>E-mail address, mobile number or push device id, encrypted with ASP.NET Data Protection.</summary>
    public string? RecipientProtected { get; set; }

    /// <summary>What staff see (<c>138****5678</c>, <c>z***@example.com</c>).</summary>
    public string? RecipientMasked { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>With <see cref="SecretsProtected"/>: the body with its codes and links masked (<see cref="MessageSecrets"/>).</summary>
    public string Body { get; set; } = "";

    /// <summary>The one-time codes and links of the message, encrypted, until it is sent, fails for good or they expire.</summary>
    public string? SecretsProtected { get; set; }

    /// <summary>Set when the message carries secrets: after this it is not sent, and the secrets are erased.</summary>
    public DateTime? SecretsExpireUtc { get; set; }

    /// <summary>Groups the messages of one campaign or case, e.g. a breach notification run.</summary>
    public string? CorrelationId { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>Tries started, counted when a dispatcher claims the row.</summary>
    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    /// <summary>The claim of the dispatcher batch that holds the row while <see cref="Status"/> is Sending.</summary>
    public string? ClaimToken { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    /// <summary>Why the last try failed (status codes and error kinds, never addresses).</summary>
    public string? LastError { get; set; }
}

/// <summary>The order in which due messages leave: a lower value first.</summary>
public enum OutboxPriority
{
    /// <summary>One-time verification and delivery codes: valid for minutes, someone is waiting on the phone.</summary>
    Urgent = 0,

    /// <summary>Acknowledgements and answers to one person.</summary>
    Individual = 1,

    /// <summary>Alerts and tests for staff.</summary>
    Staff = 2,

    /// <summary>Every row of a campaign (breach notices, policy changes): sent in slices that yield to anything above.</summary>
    Campaign = 3,
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("OutboxMessages");
        e.Property(x => x.Purpose).HasMaxLength(64);
        e.Property(x => x.Language).HasMaxLength(10);
        e.Property(x => x.RecipientProtected).HasMaxLength(1024);
        e.Property(x => x.RecipientMasked).HasMaxLength(128);
        e.Property(x => x.Subject).HasMaxLength(NotificationTemplateConfiguration.MaxSubject * 2);
        e.Property(x => x.Body).HasMaxLength(NotificationTemplateConfiguration.MaxBody * 2);
        e.Property(x => x.SecretsProtected).HasMaxLength(2048);
        e.Property(x => x.CorrelationId).HasMaxLength(64);
        e.Property(x => x.ClaimToken).HasMaxLength(32);
        e.Property(x => x.LastError).HasMaxLength(500);
        // The dispatcher's sweep: due rows by status, priority and time (one range per priority); and its own claimed rows by token.
        e.HasIndex(x => new { x.Status, x.Priority, x.NextAttemptUtc });
        e.HasIndex(x => x.ClaimToken);
        // Status beside the correlation id: a campaign's progress (sent / failed / pending) is counted from the
        // index alone, without reading a million message bodies.
        e.HasIndex(x => new { x.CorrelationId, x.Status });
        e.HasIndex(x => x.CreatedAtUtc);
        e.HasIndex(x => x.SecretsExpireUtc);
    }
}
