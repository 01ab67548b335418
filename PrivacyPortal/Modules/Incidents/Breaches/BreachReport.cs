using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents.Breaches;

public enum BreachReportKind
{
    /// <summary>初报: within the CAC clock.</summary>
    Initial,
    /// <summary>续报: as more is known.</summary>
    Supplement,
    /// <summary>总结报告: 30 days after handling ends.</summary>
    Final,
}

/// <summary>Who a report goes to: the clock its submission meets.</summary>
public enum ReportAuthority
{
    /// <summary>The provincial cyberspace administration (省级网信部门).</summary>
    Cac,
    /// <summary>The lead supervisory authority under GDPR art. 33.</summary>
    GdprAuthority,
    /// <summary>The sector's critical-information-infrastructure protection department (保护工作部门).</summary>
    ProtectionDepartment,
    /// <summary>Public security (公安机关): critical information infrastructure incidents, and a suspected crime (报案).</summary>
    PublicSecurity,
}

/// <summary>A regulator report drafted from the incident, edited by staff, downloaded as DOCX, and recorded when submitted.</summary>
public sealed class BreachReport : IVersioned
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public BreachReportKind Kind { get; set; }

    public ReportAuthority Authority { get; set; }

    /// <summary>Section key → text, in the order of <see cref="BreachReportSections"/>.</summary>
    public string SectionsJson { get; set; } = "{}";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime? UpdatedAtUtc { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    /// <summary>The office or address it went to (e.g. 某省网信办 网络安全应急处置中心).</summary>
    public string? SubmittedTo { get; set; }

    public string? SubmittedBy { get; set; }

    /// <summary>Submitted after the clock's due instant.</summary>
    public bool Late { get; set; }

    public int Version { get; set; }

    public Dictionary<string, string> Sections
    {
        get => JsonSerializer.Deserialize<Dictionary<string, string>>(SectionsJson) ?? [];
        set => SectionsJson = JsonSerializer.Serialize(value);
    }
}

/// <summary>
/// What each report contains: every element 国家网络安全事件报告管理办法 asks for (art. 5 for the initial and
/// supplementary reports, art. 7 for the summary report; ADR 0015), then the contact.
/// </summary>
public static class BreachReportSections
{
    public static IReadOnlyList<string> For(BreachReportKind kind) => kind switch
    {
        BreachReportKind.Initial => ["unit", "system", "time", "place", "type", "impact", "measures", "ransom", "trend", "cause", "leads", "further", "scene", "other", "contact"],
        BreachReportKind.Supplement => ["progress", "impact", "measures", "cause", "leads", "further", "scene", "contact"],
        _ => ["summary", "cause", "measures", "impact", "accountability", "remediation", "lessons", "notification", "contact"],
    };
}

public sealed class BreachReportConfiguration : IEntityTypeConfiguration<BreachReport>
{
    public void Configure(EntityTypeBuilder<BreachReport> e)
    {
        e.ToTable("BreachReports");
        e.HasIndex(x => x.IncidentId);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Authority).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.SectionsJson).HasMaxLength(32000);
        e.Property(x => x.CreatedBy).HasMaxLength(450);
        e.Property(x => x.SubmittedTo).HasMaxLength(300);
        e.Property(x => x.SubmittedBy).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Sections);
        e.HasOne<BreachIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
