using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Retention;

/// <summary>
/// How long one system keeps one table (or, for a system the portal cannot reach, one named record set) after the
/// record's timestamp, and why (statement 2.2: kept only as long as needed). Applied by <see cref="PurgeRunner"/>.
/// </summary>
public sealed class RetentionRule : IVersioned
{
    public long Id { get; set; }

    public int SystemId { get; set; }

    /// <summary>Database systems: a table of the connector mapping with a timestamp column. Other systems: what the owner purges.</summary>
    public string Table { get; set; } = "";

    public int Period { get; set; }

    public RetentionUnit Unit { get; set; } = RetentionUnit.CalendarMonths;

    /// <summary>What the period counts from: the record's timestamp, or the closing of its account ("while the account is active + N").</summary>
    public PrivacyPortal.Modules.DataPlane.Connectors.PurgeAnchor Anchor { get; set; }

    public RetentionBasis Basis { get; set; }

    /// <summary>The law, clause or contract the period comes from, as staff cite it.</summary>
    public string BasisNote { get; set; } = "";

    public RetentionRuleStatus Status { get; set; } = RetentionRuleStatus.Draft;

    /// <summary>When a dry run last counted this version of the rule; activating needs one.</summary>
    public DateTime? DryRunAtUtc { get; set; }

    public long? DryRunExpired { get; set; }

    public long? DryRunHeld { get; set; }

    public DateTime? DryRunOldestKeptUtc { get; set; }

    /// <summary>Why the last run stopped the rule (connector error), scrubbed of personal values.</summary>
    public string? LastError { get; set; }

    /// <summary>The purge instance that holds the rule until <see cref="ClaimedUntilUtc"/>; two instances never run one rule.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }
}

public enum RetentionUnit
{
    Days,
    CalendarMonths,
}

public enum RetentionBasis
{
    Law,
    Contract,
    BusinessNeed,
}

public enum RetentionRuleStatus
{
    Draft,
    Active,
    Paused,
    /// <summary>A run hit a connector error; an officer looks and activates it again.</summary>
    Stopped,
}

public sealed class RetentionRuleConfiguration : IEntityTypeConfiguration<RetentionRule>
{
    public void Configure(EntityTypeBuilder<RetentionRule> e)
    {
        e.ToTable("RetentionRules");
        e.HasIndex(x => new { x.SystemId, x.Table }).IsUnique();
        e.HasIndex(x => x.Status);
        e.Property(x => x.Table).HasMaxLength(128);
        e.Property(x => x.Unit).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Anchor).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Basis).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.BasisNote).HasMaxLength(300);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.Property(x => x.ClaimedBy).HasMaxLength(128);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>One application of a rule: what it deleted, in how many batches, how long it took, what stopped it.</summary>
public sealed class PurgeRun
{
    public long Id { get; set; }

    public long RuleId { get; set; }

    public PurgeRunStatus Status { get; set; }

    /// <summary>Fixed when the run starts; a resumed run keeps it, so its count stays exact.</summary>
    public DateTime CutoffUtc { get; set; }

    /// <summary>Rows older than the cutoff (not held) when the run started; deleted = this minus what is left at the end.</summary>
    public long ExpiredAtStart { get; set; }

    public long RowsDeleted { get; set; }

    public int Batches { get; set; }

    /// <summary>Rows older than the cutoff kept because a legal hold covers their subject.</summary>
    public long HeldRows { get; set; }

    /// <summary>Active holds that kept rows or the whole rule, comma-separated ids.</summary>
    public string? HoldIds { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>Time spent deleting, over every part of the run when it was resumed.</summary>
    public long DurationMs { get; set; }

    /// <summary>How often the run was taken over after the instance running it stopped, and when last.</summary>
    public int Resumptions { get; set; }

    public DateTime? LastResumedAtUtc { get; set; }

    public string? Error { get; set; }

    /// <summary>Manual and HTTP systems: what the owner reported doing, when they did.</summary>
    public string? EvidenceNote { get; set; }

    public string? CompletedById { get; set; }
}

public enum PurgeRunStatus
{
    Running,
    Completed,
    Failed,
    /// <summary>A legal hold on the whole system or category: nothing deleted.</summary>
    Held,
    /// <summary>Manual or HTTP system: the owner purges and records it here.</summary>
    AwaitingOwner,
}

public sealed class PurgeRunConfiguration : IEntityTypeConfiguration<PurgeRun>
{
    public void Configure(EntityTypeBuilder<PurgeRun> e)
    {
        e.ToTable("PurgeRuns");
        e.HasIndex(x => new { x.RuleId, x.Status });
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.HoldIds).HasMaxLength(500).IsUnicode(false);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.Property(x => x.EvidenceNote).HasMaxLength(2000);
        e.Property(x => x.CompletedById).HasMaxLength(450);
        e.HasOne<RetentionRule>().WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
