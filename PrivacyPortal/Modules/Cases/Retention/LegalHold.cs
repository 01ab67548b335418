using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Retention;

/// <summary>
/// 法律保全: while active, purges and erasures leave the held records alone. The reason is one of the exceptions the
/// statement lists (2.2, 6.4); a hold names subjects or a whole system (optionally one category of it).
/// </summary>
public sealed class LegalHold : IVersioned
{
    public long Id { get; set; }

    public LegalHoldScope Scope { get; set; }

    public LegalHoldReason Reason { get; set; }

    /// <summary>The matter: case or document number, authority, what it requires. No personal values.</summary>
    public string Reference { get; set; } = "";

    /// <summary>Scope <see cref="LegalHoldScope.System"/>: the system held.</summary>
    public int? SystemId { get; set; }

    /// <summary>Scope <see cref="LegalHoldScope.System"/>: only tables holding this category; null for the whole system.</summary>
    public string? CategoryKey { get; set; }

    public List<LegalHoldSubject> Subjects { get; set; } = [];

    /// <summary>The staff member who answers for the hold and reviews it.</summary>
    public string OwnerId { get; set; } = "";

    public DateTime ReviewByUtc { get; set; }

    /// <summary>When the owner was last told the review is overdue (once per overdue period, not every run).</summary>
    public DateTime? ReviewRaisedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string? CreatedById { get; set; }

    public DateTime? ReleasedAtUtc { get; set; }

    public string? ReleasedById { get; set; }

    public string? ReleaseNote { get; set; }

    public int Version { get; set; }

    public bool IsActive => ReleasedAtUtc is null;
}

public sealed class LegalHoldSubject
{
    public long HoldId { get; set; }

    public long SubjectId { get; set; }
}

public enum LegalHoldScope
{
    Subjects,
    System,
}

/// <summary>The statement's exceptions to deletion (2.2, 6.4).</summary>
public enum LegalHoldReason
{
    LegalDuty,
    CourtOrder,
    GovernmentRequest,
    LegalBelief,
    AgreementsComplaintsSafety,
}

public sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> e)
    {
        e.ToTable("LegalHolds");
        e.HasIndex(x => new { x.ReleasedAtUtc, x.ReviewByUtc });
        e.Property(x => x.Scope).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Reference).HasMaxLength(300);
        e.Property(x => x.CategoryKey).HasMaxLength(48);
        e.Property(x => x.OwnerId).HasMaxLength(450);
        e.Property(x => x.CreatedById).HasMaxLength(450);
        e.Property(x => x.ReleasedById).HasMaxLength(450);
        e.Property(x => x.ReleaseNote).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsActive);
        e.HasMany(x => x.Subjects).WithOne().HasForeignKey(x => x.HoldId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LegalHoldSubjectConfiguration : IEntityTypeConfiguration<LegalHoldSubject>
{
    public void Configure(EntityTypeBuilder<LegalHoldSubject> e)
    {
        e.ToTable("LegalHoldSubjects");
        e.HasKey(x => new { x.HoldId, x.SubjectId });
        e.HasIndex(x => x.SubjectId);
        e.HasOne<PrivacyPortal.Modules.DataPlane.Subjects.DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
