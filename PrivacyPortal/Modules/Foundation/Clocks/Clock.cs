using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Clocks;

public enum ClockState
{
    Running,
    Paused,
    Met,
    Breached,
    /// <summary>The obligation ended by a recorded, reasoned decision (e.g. below the reporting threshold), not by doing it: never "met".</summary>
    Discharged,
}

/// <summary>
/// A legal or policy deadline for one owner (a request, an incident, a recipient notice...). The rule it was
/// computed with is copied in, so presets can change without silently moving it.
/// </summary>
public sealed class Clock : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>What the clock belongs to, e.g. "request", "incident", "demo".</summary>
    public string OwnerType { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public string PresetKey { get; set; } = "";

    public DateTime StartUtc { get; set; }

    // The rule snapshot.
    public ClockUnit Unit { get; set; }

    public int Amount { get; set; }

    public ClockRuleKind RuleKind { get; set; }

    public string RuleSource { get; set; } = "";

    public int MaxExtension { get; set; }

    public ClockUnit ExtensionUnit { get; set; }

    public int DueSoonHours { get; set; }

    public string CalendarRegion { get; set; } = CalendarRegions.MainlandChina;

    public PauseReasons HonouredPauses { get; set; }

    public DateTime DueUtc { get; set; }

    /// <summary>Part of the period fell in a year whose official calendar was not loaded: counted on weekdays alone.</summary>
    public bool Uncertain { get; set; }

    public ClockState State { get; set; }

    public DateTime? PausedAtUtc { get; set; }

    public DateTime? MetAtUtc { get; set; }

    /// <summary>Extension granted so far, in <see cref="ExtensionUnit"/>.</summary>
    public int Extended { get; set; }

    public DateTime? RemindedAtUtc { get; set; }

    public DateTime? BreachedAtUtc { get; set; }

    /// <summary>Met or discharged: nothing is owed any more.</summary>
    public bool IsClosed => State is ClockState.Met or ClockState.Discharged;

    public int Version { get; set; }

    public List<ClockEntry> Entries { get; set; } = [];

    public ClockRule Rule => new(Unit, Amount);

    public bool Honours(PauseReasons reason) => (HonouredPauses & reason) == reason && reason != PauseReasons.None;
}

public enum ClockEntryKind
{
    Started,
    Paused,
    Resumed,
    Extended,
    Recomputed,
    Met,
    Reminded,
    Breached,
    Discharged,
}

/// <summary>What happened to a clock, with the reason and who did it.</summary>
public sealed class ClockEntry
{
    public long Id { get; set; }

    public Guid ClockId { get; set; }

    public ClockEntryKind Kind { get; set; }

    public DateTime AtUtc { get; set; }

    public string? Reason { get; set; }

    /// <summary>Staff account id, or "system".</summary>
    public string ActorId { get; set; } = "";

    public DateTime? PreviousDueUtc { get; set; }

    public DateTime? NewDueUtc { get; set; }

    /// <summary>An extension's length, in the clock's extension unit: part of the history the due instant is replayed from.</summary>
    public int? Amount { get; set; }
}

public sealed class ClockConfiguration : IEntityTypeConfiguration<Clock>
{
    public void Configure(EntityTypeBuilder<Clock> e)
    {
        e.ToTable("Clocks");
        e.Property(x => x.OwnerType).HasMaxLength(32);
        e.Property(x => x.OwnerId).HasMaxLength(64);
        e.Property(x => x.PresetKey).HasMaxLength(48);
        e.Property(x => x.Unit).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ExtensionUnit).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.RuleKind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.RuleSource).HasMaxLength(120);
        e.Property(x => x.CalendarRegion).HasMaxLength(8);
        // Clocks started before presets named their reasons stopped for whatever the officer recorded. Every new clock
        // writes its own snapshot, "None" included: no value is left to the column default.
        e.Property(x => x.HonouredPauses).HasConversion<string>().HasMaxLength(40)
            .HasDefaultValue(ClockPresets.AnyReason).HasSentinel((PauseReasons)(-1));
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Rule);
        e.Ignore(x => x.IsClosed);
        e.HasIndex(x => new { x.OwnerType, x.OwnerId });
        e.HasIndex(x => new { x.State, x.DueUtc });
        e.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.ClockId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ClockEntryConfiguration : IEntityTypeConfiguration<ClockEntry>
{
    public void Configure(EntityTypeBuilder<ClockEntry> e)
    {
        e.ToTable("ClockEntries");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.ActorId).HasMaxLength(64);
    }
}
