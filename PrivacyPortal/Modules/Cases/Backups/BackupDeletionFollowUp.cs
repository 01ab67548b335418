using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Modules.Cases.Requests;

namespace PrivacyPortal.Modules.Cases.Backups;

/// <summary>
/// Statement 6.2: data erased from a system may stay in its backups until they rotate. One follow-up per system
/// whose backups may still hold the person, closed when the backup set expires.
/// </summary>
public sealed class BackupDeletionFollowUp
{
    public long Id { get; set; }

    public long LedgerEntryId { get; set; }

    public int SystemId { get; set; }

    /// <summary>The backup set when the backup register knows it; null until then.</summary>
    public long? BackupSetId { get; set; }

    /// <summary>When the backups taken before the erasure will have rotated out.</summary>
    public DateTime ExpectedByUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public string? ClosedNote { get; set; }
}

public sealed class BackupDeletionFollowUpConfiguration : IEntityTypeConfiguration<BackupDeletionFollowUp>
{
    public void Configure(EntityTypeBuilder<BackupDeletionFollowUp> e)
    {
        e.ToTable("BackupDeletionFollowUps");
        e.HasIndex(x => new { x.LedgerEntryId, x.SystemId, x.BackupSetId }).IsUnique();
        e.HasIndex(x => new { x.ClosedAtUtc, x.ExpectedByUtc });
        e.Property(x => x.ClosedNote).HasMaxLength(500);
        e.HasOne<ErasureLedgerEntry>().WithMany().HasForeignKey(x => x.LedgerEntryId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}
