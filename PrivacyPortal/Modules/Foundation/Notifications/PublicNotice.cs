using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>An announcement on the public /notices page (SPEC 3.4: users are told by announcement as well).</summary>
public sealed class PublicNotice
{
    public int Id { get; set; }

    /// <summary>The outbox message that published it; unique, so a message sent twice is published once.</summary>
    public long OutboxMessageId { get; set; }

    public string Language { get; set; } = "";

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime PublishedAtUtc { get; set; }
}

public sealed class PublicNoticeConfiguration : IEntityTypeConfiguration<PublicNotice>
{
    public void Configure(EntityTypeBuilder<PublicNotice> e)
    {
        e.ToTable("PublicNotices");
        e.HasIndex(x => x.OutboxMessageId).IsUnique();
        e.HasIndex(x => new { x.Language, x.PublishedAtUtc });
        e.Property(x => x.Language).HasMaxLength(10);
        e.Property(x => x.Title).HasMaxLength(NotificationTemplateConfiguration.MaxSubject * 2);
        e.Property(x => x.Body).HasMaxLength(NotificationTemplateConfiguration.MaxBody * 2);
    }
}
