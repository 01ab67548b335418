using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Backups;

/// <summary>
/// One backup of one system: when it was taken, when it expires or is overwritten, where it lies. Statement 6.2:
/// an erased person stays in the sets taken before the erasure until those sets are gone.
/// </summary>
public sealed class BackupSet : IVersioned
{
    public long Id { get; set; }

    public int SystemId { get; set; }

    public DateTime TakenAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>Where the set lies (vault, bucket, tape pool); no credentials.</summary>
    public string Location { get; set; } = "";

    public BackupSetSource Source { get; set; }

    /// <summary>The rotation policy that recorded it, for sets the portal expects rather than was told of.</summary>
    public long? PolicyId { get; set; }

    /// <summary>Overwritten or destroyed before its expiry (rotation): its data is gone from then.</summary>
    public DateTime? RotatedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }

    /// <summary>The instant the set stops holding anything.</summary>
    public DateTime GoneAtUtc => RotatedAtUtc is { } rotated && rotated < ExpiresAtUtc ? rotated : ExpiresAtUtc;
}

public enum BackupSetSource
{
    Manual,
    Import,
    Policy,
}

/// <summary>"Daily, kept 30 days": the register records the sets this policy makes, so follow-ups have real dates.</summary>
public sealed class BackupRotationPolicy : IVersioned
{
    public long Id { get; set; }

    public int SystemId { get; set; }

    public int EveryHours { get; set; } = 24;

    public int KeepDays { get; set; } = 30;

    public string Location { get; set; } = "";

    /// <summary>The first set's instant; later sets follow every <see cref="EveryHours"/>.</summary>
    public DateTime StartsAtUtc { get; set; }

    /// <summary>The last set recorded, so each run continues where the previous one stopped.</summary>
    public DateTime? GeneratedUntilUtc { get; set; }

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

/// <summary>A backup set put back into its system: the erasures since it was taken must be applied again.</summary>
public sealed class BackupRestore
{
    public long Id { get; set; }

    public long BackupSetId { get; set; }

    public int SystemId { get; set; }

    public DateTime RestoredAtUtc { get; set; }

    public string? RecordedById { get; set; }

    /// <summary>Erasures from the ledger that the set brought back.</summary>
    public int Erasures { get; set; }

    public int Reapplied { get; set; }

    public int TasksCreated { get; set; }

    public int Failed { get; set; }

    public string? Error { get; set; }
}

public sealed class BackupSetConfiguration : IEntityTypeConfiguration<BackupSet>
{
    public void Configure(EntityTypeBuilder<BackupSet> e)
    {
        e.ToTable("BackupSets");
        e.HasIndex(x => new { x.SystemId, x.TakenAtUtc, x.Location }).IsUnique();
        e.HasIndex(x => x.ExpiresAtUtc);
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.GoneAtUtc);
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<BackupRotationPolicy>().WithMany().HasForeignKey(x => x.PolicyId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class BackupRotationPolicyConfiguration : IEntityTypeConfiguration<BackupRotationPolicy>
{
    public void Configure(EntityTypeBuilder<BackupRotationPolicy> e)
    {
        e.ToTable("BackupRotationPolicies");
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BackupRestoreConfiguration : IEntityTypeConfiguration<BackupRestore>
{
    public void Configure(EntityTypeBuilder<BackupRestore> e)
    {
        e.ToTable("BackupRestores");
        e.HasIndex(x => x.BackupSetId);
        e.Property(x => x.RecordedById).HasMaxLength(450);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasOne<BackupSet>().WithMany().HasForeignKey(x => x.BackupSetId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class BackupActions
{
    public const string Target = "backup-set";

    public const string SetRecorded = "backup.set-recorded";
    public const string SetsImported = "backup.sets-imported";
    public const string SetRotated = "backup.set-rotated";
    public const string PolicySaved = "backup.policy-saved";
    public const string FollowUpsClosed = "backup.follow-ups-closed";
    public const string FollowUpsEscalated = "backup.follow-ups-escalated";
    public const string Restored = "backup.restored";
    public const string ErasureReapplied = "backup.erasure-reapplied";

    public static readonly string[] All = [SetRecorded, SetsImported, SetRotated, PolicySaved, FollowUpsClosed, FollowUpsEscalated, Restored, ErasureReapplied];
}
