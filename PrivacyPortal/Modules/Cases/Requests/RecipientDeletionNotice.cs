using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>
/// A notice to a recipient that received the person's data, asking it to delete it too (statement 6.2), tracked
/// until the recipient confirms.
/// </summary>
public sealed class RecipientDeletionNotice : IVersioned
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public int RecipientId { get; set; }

    public DateTime SentAtUtc { get; set; }

    public Guid? ClockId { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }

    public string? ConfirmedById { get; set; }

    public string? ConfirmationNote { get; set; }

    public int Version { get; set; }
}

public sealed class RecipientDeletionNoticeConfiguration : IEntityTypeConfiguration<RecipientDeletionNotice>
{
    public void Configure(EntityTypeBuilder<RecipientDeletionNotice> e)
    {
        e.ToTable("RecipientDeletionNotices");
        e.HasIndex(x => new { x.RequestId, x.RecipientId }).IsUnique();
        e.HasIndex(x => x.ConfirmedAtUtc);
        e.Property(x => x.ConfirmedById).HasMaxLength(450);
        e.Property(x => x.ConfirmationNote).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<DataSubjectRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.Recipient>().WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}
