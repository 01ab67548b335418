using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>The text of one purpose in one language, with Liquid placeholders (<c>{{ case_number }}</c>).</summary>
public sealed class NotificationTemplate : IVersioned
{
    public int Id { get; set; }

    public string Purpose { get; set; } = "";

    public string Language { get; set; } = "";

    /// <summary>E-mail subject, push title, announcement heading; SMS ignores it.</summary>
    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>Optimistic concurrency: a save carrying an older version is refused.</summary>
    public int Version { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Staff id of the last editor; null for the shipped text.</summary>
    public string? UpdatedBy { get; set; }
}

public sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public const int MaxSubject = 200;
    public const int MaxBody = 4000;

    public void Configure(EntityTypeBuilder<NotificationTemplate> e)
    {
        e.ToTable("NotificationTemplates");
        e.HasIndex(x => new { x.Purpose, x.Language }).IsUnique();
        e.Property(x => x.Purpose).HasMaxLength(64);
        e.Property(x => x.Language).HasMaxLength(10);
        e.Property(x => x.Subject).HasMaxLength(MaxSubject);
        e.Property(x => x.Body).HasMaxLength(MaxBody);
        e.Property(x => x.UpdatedBy).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
