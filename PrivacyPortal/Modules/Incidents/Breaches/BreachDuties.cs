using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>
/// The legal duties an incident carries from the moment it is registered (ADR 0015). Each runs on a clock started from
/// its preset; it ends when the report or notice is made (the clock is met) or by a recorded decision (discharged).
/// </summary>
public static class BreachDuties
{
    /// <summary>Clocks whose obligation is a report to an authority.</summary>
    public static readonly IReadOnlyList<string> Reports =
        [ClockPresets.CacReport, ClockPresets.CacReportCii, ClockPresets.GdprAuthority, ClockPresets.PoliceReport, ClockPresets.FinalReport];

    /// <summary>
    /// What an incident owes from registration: individual notice (PIPL art. 57, no threshold), the CAC report counted from
    /// discovery before anyone grades (1 h to the protection department and public security for critical information
    /// infrastructure), the GDPR art. 33 report when EU residents are affected, and a police report for a suspected crime.
    /// </summary>
    public static IReadOnlyList<string> Required(BreachIncident incident)
    {
        var duties = new List<string> { ClockPresets.IndividualNotice, incident.CriticalInfrastructure ? ClockPresets.CacReportCii : ClockPresets.CacReport };
        if (incident.EuResidents)
        {
            duties.Add(ClockPresets.GdprAuthority);
        }
        if (incident.SuspectedCrime)
        {
            duties.Add(ClockPresets.PoliceReport);
        }
        return duties;
    }

    /// <summary>When a duty's clock starts: discovery for the reports and notice; the police report from when the suspicion is recorded.</summary>
    public static DateTime StartOf(string preset, BreachIncident incident, DateTime now) =>
        preset == ClockPresets.PoliceReport ? now : incident.DiscoveredAtUtc;

    /// <summary>The CAC report duty, whichever form it takes.</summary>
    public static bool IsCacReport(string preset) => preset is ClockPresets.CacReport or ClockPresets.CacReportCii;
}

/// <summary>A decision that ends a duty without doing it.</summary>
public enum DutyDecisionKind
{
    /// <summary>Graded 一般: the CAC report is not required (办法 art. 4 asks it from 较大 up). One officer, with a reason.</summary>
    BelowReportingThreshold,

    /// <summary>PIPL art. 57 ¶2: the measures taken effectively avoid harm. Proposed by one officer, approved by a second.</summary>
    NoticeNotNeeded,
}

public enum DutyDecisionStatus
{
    Proposed,
    Approved,
    Rejected,
    /// <summary>Overtaken: a later grade of 较大 or above, or the regulator required notice after all.</summary>
    Withdrawn,
}

/// <summary>A recorded decision on one duty: who proposed it and why, who approved it, and what the regulator said.</summary>
public sealed class BreachDutyDecision : IVersioned
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    /// <summary>The duty's clock the decision discharges.</summary>
    public Guid ClockId { get; set; }

    public DutyDecisionKind Kind { get; set; }

    public DutyDecisionStatus Status { get; set; }

    public string Reason { get; set; } = "";

    public string ProposedBy { get; set; } = "";

    public DateTime ProposedAtUtc { get; set; }

    /// <summary>The second officer who approved or rejected it (the proposer for a below-threshold record).</summary>
    public string? DecidedBy { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>What the regulator said about the decision, when it has been told.</summary>
    public string? RegulatorView { get; set; }

    public bool RegulatorRequiresNotice { get; set; }

    public DateTime? RegulatorViewAtUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>Who receives reports for a duty: a duty is met only once every recipient listed for it has the initial report.</summary>
public sealed class BreachReportRoute
{
    public string PresetKey { get; set; } = "";

    public ReportAuthority Authority { get; set; }

    public static IEnumerable<BreachReportRoute> Defaults() =>
    [
        new() { PresetKey = ClockPresets.CacReport, Authority = ReportAuthority.Cac },
        // 办法 art. 4: critical information infrastructure reports to the protection department and public security within 1 h.
        new() { PresetKey = ClockPresets.CacReportCii, Authority = ReportAuthority.ProtectionDepartment },
        new() { PresetKey = ClockPresets.CacReportCii, Authority = ReportAuthority.PublicSecurity },
        new() { PresetKey = ClockPresets.GdprAuthority, Authority = ReportAuthority.GdprAuthority },
        new() { PresetKey = ClockPresets.PoliceReport, Authority = ReportAuthority.PublicSecurity },
    ];
}

public sealed class BreachDutyDecisionConfiguration : IEntityTypeConfiguration<BreachDutyDecision>
{
    public void Configure(EntityTypeBuilder<BreachDutyDecision> e)
    {
        e.ToTable("BreachDutyDecisions");
        e.HasIndex(x => x.IncidentId);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.ProposedBy).HasMaxLength(450);
        e.Property(x => x.DecidedBy).HasMaxLength(450);
        e.Property(x => x.DecisionNote).HasMaxLength(1000);
        e.Property(x => x.RegulatorView).HasMaxLength(2000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<BreachIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BreachReportRouteConfiguration : IEntityTypeConfiguration<BreachReportRoute>
{
    public void Configure(EntityTypeBuilder<BreachReportRoute> e)
    {
        e.ToTable("BreachReportRoutes");
        e.HasKey(x => new { x.PresetKey, x.Authority });
        e.Property(x => x.PresetKey).HasMaxLength(48);
        e.Property(x => x.Authority).HasConversion<string>().HasMaxLength(24);
        e.HasData(BreachReportRoute.Defaults());
    }
}
