using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>Grades of the CAC grading guide, lowest first (一般, 较大, 重大, 特别重大).</summary>
public enum BreachGrade
{
    General = 0,
    Larger = 1,
    Major = 2,
    Critical = 3,
}

public enum BreachStatus
{
    Open,
    Closed,
}

/// <summary>The response checklist of the emergency plan (statement 3.4), in order.</summary>
public enum BreachStep
{
    Contain,
    Assess,
    Report,
    Notify,
    Remediate,
    Review,
}

/// <summary>A personal-information security incident (个人信息安全事件) and its response.</summary>
public sealed class BreachIncident : IVersioned
{
    public long Id { get; set; }

    /// <summary>BR-yyyy-nnnn, what staff quote.</summary>
    public string Reference { get; set; } = "";

    public string Title { get; set; } = "";

    public string WhatHappened { get; set; } = "";

    public DateTime DiscoveredAtUtc { get; set; }

    /// <summary>Free text: a team or a role, not a customer.</summary>
    public string DiscoveredBy { get; set; } = "";

    public DateTime? OccurredFromUtc { get; set; }

    public DateTime? OccurredToUtc { get; set; }

    public string HowDiscovered { get; set; } = "";

    public string InitialCause { get; set; } = "";

    public string ConfirmedCause { get; set; } = "";

    /// <summary>Measures taken so far; the reports quote it.</summary>
    public string Measures { get; set; } = "";

    /// <summary>People in the European Union are affected: the GDPR art. 33 clock runs too.</summary>
    public bool EuResidents { get; set; }

    /// <summary>Critical information infrastructure operator: the CAC report is due in 1 h instead of 4 h.</summary>
    public bool CriticalInfrastructure { get; set; }

    /// <summary>The incident may be a crime: a report to public security (报案) becomes a duty of its own.</summary>
    public bool SuspectedCrime { get; set; }

    /// <summary>Staff estimate when the affected list is not (yet) known.</summary>
    public long? EstimatedAffected { get; set; }

    /// <summary>Distinct imported or linked people; kept in step with the AffectedPeople rows.</summary>
    public long AffectedCount { get; set; }

    public long UnmatchedCount { get; set; }

    public BreachGrade? Grade { get; set; }

    /// <summary>Why staff chose a grade other than the suggestion.</summary>
    public string? GradeReason { get; set; }

    public DateTime? GradedAtUtc { get; set; }

    public string? GradedBy { get; set; }

    public DateTime? HandlingEndedAtUtc { get; set; }

    public BreachStatus Status { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public int Version { get; set; }

    /// <summary>The number the grade rests on: the known list, or the estimate when it is larger.</summary>
    public long PeopleForGrading => Math.Max(AffectedCount, EstimatedAffected ?? 0);
}

public sealed class BreachIncidentSystem
{
    public long IncidentId { get; set; }

    public int SystemId { get; set; }
}

public sealed class BreachIncidentCategory
{
    public long IncidentId { get; set; }

    public int CategoryId { get; set; }
}

public enum BreachEventKind
{
    Recorded,
    Edited,
    StepDone,
    Graded,
    ClockStarted,
    AffectedImported,
    AffectedLinked,
    ReportDrafted,
    ReportSubmitted,
    CampaignStarted,
    HandlingEnded,
    Closed,
    DutyDischarged,
    DecisionProposed,
    DecisionRejected,
    DecisionWithdrawn,
    RegulatorView,
}

/// <summary>One line of the incident's timeline: who did what, when. Never personal values.</summary>
public sealed class BreachEvent
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public BreachEventKind Kind { get; set; }

    public BreachStep? Step { get; set; }

    public DateTime AtUtc { get; set; }

    public string ActorId { get; set; } = "";

    public string Note { get; set; } = "";
}

/// <summary>
/// One affected person: a directory subject, an imported identifier, or both once matched. The identifier is kept
/// encrypted (to notify the person) with its keyed hash, which de-duplicates and matches against the directory.
/// </summary>
public sealed class AffectedPerson
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    /// <summary>Keyed hash of kind and normalised value; "s:{id}" for a subject linked from the directory.</summary>
    public string Key { get; set; } = "";

    public PrivacyPortal.Modules.DataPlane.Subjects.IdentifierKind? Kind { get; set; }

    public string? ValueProtected { get; set; }

    public string? Masked { get; set; }

    public long? SubjectId { get; set; }

    /// <summary>
    /// Written by an import that has not finished: hidden from every query (a query filter) until the import has written
    /// every row and publishes them; deleted if the import fails, or by the next import when its process died.
    /// </summary>
    public bool Staged { get; set; }
}

/// <summary>The CAC grading guide's thresholds for personal-data leaks; editable, one row.</summary>
public sealed class BreachGradingThresholds : IVersioned
{
    public int Id { get; set; }

    public long Larger { get; set; }

    public long Major { get; set; }

    public long Critical { get; set; }

    /// <summary>Sensitive categories (PIPL art. 28) raise the suggestion one grade when at least this many are affected.</summary>
    public long SensitiveRaiseFrom { get; set; }

    public int Version { get; set; }

    public static BreachGradingThresholds Default() =>
        new() { Id = 1, Larger = 1_000_000, Major = 10_000_000, Critical = 100_000_000, SensitiveRaiseFrom = 100_000, Version = 1 };
}

public sealed class BreachIncidentConfiguration : IEntityTypeConfiguration<BreachIncident>
{
    public void Configure(EntityTypeBuilder<BreachIncident> e)
    {
        e.ToTable("BreachIncidents");
        e.HasIndex(x => x.Reference).IsUnique();
        e.HasIndex(x => new { x.Status, x.DiscoveredAtUtc });
        e.Property(x => x.Reference).HasMaxLength(20);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.WhatHappened).HasMaxLength(4000);
        e.Property(x => x.DiscoveredBy).HasMaxLength(200);
        e.Property(x => x.HowDiscovered).HasMaxLength(1000);
        e.Property(x => x.InitialCause).HasMaxLength(2000);
        e.Property(x => x.ConfirmedCause).HasMaxLength(2000);
        e.Property(x => x.Measures).HasMaxLength(4000);
        e.Property(x => x.GradeReason).HasMaxLength(1000);
        e.Property(x => x.GradedBy).HasMaxLength(450);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.Property(x => x.Grade).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.PeopleForGrading);
    }
}

public sealed class BreachIncidentSystemConfiguration : IEntityTypeConfiguration<BreachIncidentSystem>
{
    public void Configure(EntityTypeBuilder<BreachIncidentSystem> e)
    {
        e.ToTable("BreachIncidentSystems");
        e.HasKey(x => new { x.IncidentId, x.SystemId });
        e.HasOne<BreachIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BreachIncidentCategoryConfiguration : IEntityTypeConfiguration<BreachIncidentCategory>
{
    public void Configure(EntityTypeBuilder<BreachIncidentCategory> e)
    {
        e.ToTable("BreachIncidentCategories");
        e.HasKey(x => new { x.IncidentId, x.CategoryId });
        e.HasOne<BreachIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PrivacyPortal.Modules.DataPlane.Inventory.DataCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BreachEventConfiguration : IEntityTypeConfiguration<BreachEvent>
{
    public void Configure(EntityTypeBuilder<BreachEvent> e)
    {
        e.ToTable("BreachEvents");
        e.HasIndex(x => new { x.IncidentId, x.AtUtc });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Step).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.ActorId).HasMaxLength(450);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.HasOne<BreachIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AffectedPersonConfiguration : IEntityTypeConfiguration<AffectedPerson>
{
    public void Configure(EntityTypeBuilder<AffectedPerson> e)
    {
        e.ToTable("BreachAffectedPeople");
        // De-duplication: one row per person and incident, whichever file or link brought them.
        e.HasIndex(x => new { x.IncidentId, x.Key }).IsUnique();
        e.HasIndex(x => new { x.IncidentId, x.SubjectId });
        e.Property(x => x.Key).HasMaxLength(64).IsUnicode(false);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ValueProtected).HasMaxLength(1000);
        e.Property(x => x.Masked).HasMaxLength(100);
        e.HasOne<BreachIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
        e.HasQueryFilter(x => !x.Staged);
    }
}

public sealed class BreachGradingThresholdsConfiguration : IEntityTypeConfiguration<BreachGradingThresholds>
{
    public void Configure(EntityTypeBuilder<BreachGradingThresholds> e)
    {
        e.ToTable("BreachGradingThresholds");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasData(BreachGradingThresholds.Default());
    }
}
