using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>
/// A deadline rule shipped as data (SPEC "Deadlines and clocks"). Compliance officers may tune it; a clock copies
/// the rule when it starts, so a later change never moves an existing deadline.
/// </summary>
public sealed class ClockPreset : IVersioned
{
    public string Key { get; set; } = "";

    /// <summary>"CN" or "GDPR".</summary>
    public string Jurisdiction { get; set; } = "";

    public ClockUnit Unit { get; set; }

    public int Amount { get; set; }

    public ClockRuleKind Kind { get; set; }

    /// <summary>The clause the number comes from, e.g. GB/T 35273-2020 §8.7.</summary>
    public string Source { get; set; } = "";

    /// <summary>How far the deadline may be extended (GDPR art. 12(3): 2 months), in <see cref="ExtensionUnit"/>; 0 when it may not.</summary>
    public int MaxExtension { get; set; }

    public ClockUnit ExtensionUnit { get; set; }

    /// <summary>Reminders start this many hours before the due instant.</summary>
    public int DueSoonHours { get; set; }

    /// <summary>The calendar its days count on (<see cref="CalendarRegions"/>): CN for Chinese law, the EU establishment's member state for the GDPR.</summary>
    public string CalendarRegion { get; set; } = CalendarRegions.MainlandChina;

    /// <summary>Which pauses stop this clock; a pause for any other reason leaves it running.</summary>
    public PauseReasons HonouredPauses { get; set; } = PauseReasons.Other;

    public int Version { get; set; }
}

/// <summary>Why a clock is paused. A clock's rule says which of these it honours (<see cref="ClockPreset.HonouredPauses"/>).</summary>
[Flags]
public enum PauseReasons
{
    None = 0,
    /// <summary>Waiting for the person's proof of identity.</summary>
    IdentityProof = 1,
    /// <summary>An unpaid fee for a repeated request (statement 6.7).</summary>
    Fee = 2,
    /// <summary>Anything else an officer records.</summary>
    Other = 4,
}

public static class ClockPresets
{
    public const string RequestTarget = "cn.request.target";
    public const string RequestHardStop = "cn.request.hard-stop";
    public const string Cancellation = "cn.cancellation";
    public const string CacReport = "cn.incident.cac-report";
    public const string CacReportCii = "cn.incident.cac-report-cii";
    public const string FinalReport = "cn.incident.final-report";
    public const string IndividualNotice = "cn.incident.individual-notice";
    public const string GdprRequest = "gdpr.request";
    public const string GdprAuthority = "gdpr.incident.authority";
    public const string NetworkLogs = "cn.network-logs";
    public const string RecipientDeletion = "cn.recipient-deletion";
    public const string PoliceReport = "cn.incident.police-report";

    /// <summary>The reasons a case's answer clock stops for.</summary>
    public const PauseReasons AnyReason = PauseReasons.IdentityProof | PauseReasons.Fee | PauseReasons.Other;

    /// <summary>
    /// The outer limit counts its 30 days from identity verification (GB/T 35273-2020 §8.7), so waiting for proof of
    /// identity stops it, as does an unpaid fee; nothing else an officer records does.
    /// </summary>
    public const PauseReasons OuterLimitReasons = PauseReasons.IdentityProof | PauseReasons.Fee;

    public static IEnumerable<ClockPreset> Defaults() =>
    [
        // The 15 working days of §8.5 are written for account cancellation; the company holds every request to them as its target.
        new() { Key = RequestTarget, Jurisdiction = "CN", Unit = ClockUnit.WorkingDays, Amount = 15, Kind = ClockRuleKind.Policy, Source = "公司政策（参照 GB/T 35273-2020 §8.5 的15个工作日）", DueSoonHours = 72, HonouredPauses = AnyReason },
        new() { Key = RequestHardStop, Jurisdiction = "CN", Unit = ClockUnit.CalendarDays, Amount = 30, Kind = ClockRuleKind.Standard, Source = "GB/T 35273-2020 §8.7", DueSoonHours = 120, HonouredPauses = OuterLimitReasons },
        new() { Key = Cancellation, Jurisdiction = "CN", Unit = ClockUnit.WorkingDays, Amount = 15, Kind = ClockRuleKind.Standard, Source = "GB/T 35273-2020 §8.5", DueSoonHours = 72, HonouredPauses = AnyReason },
        new() { Key = CacReport, Jurisdiction = "CN", Unit = ClockUnit.Hours, Amount = 4, Kind = ClockRuleKind.Rule, Source = "国家网络安全事件报告管理办法 第四条", DueSoonHours = 1 },
        new() { Key = CacReportCii, Jurisdiction = "CN", Unit = ClockUnit.Hours, Amount = 1, Kind = ClockRuleKind.Rule, Source = "国家网络安全事件报告管理办法 第四条（关键信息基础设施）", DueSoonHours = 0 },
        new() { Key = FinalReport, Jurisdiction = "CN", Unit = ClockUnit.CalendarDays, Amount = 30, Kind = ClockRuleKind.Rule, Source = "国家网络安全事件报告管理办法 第七条", DueSoonHours = 120 },
        // The measures ask a suspected crime to be reported to public security 及时 (promptly); 24 h is the company's own limit.
        new() { Key = PoliceReport, Jurisdiction = "CN", Unit = ClockUnit.Hours, Amount = 24, Kind = ClockRuleKind.Policy, Source = "国家网络安全事件报告管理办法（及时报案；24小时为公司政策）", DueSoonHours = 6 },
        // PIPL art. 57 says 立即 (immediately); 72 h is the company's own outer limit, not the law's.
        new() { Key = IndividualNotice, Jurisdiction = "CN", Unit = ClockUnit.Hours, Amount = 72, Kind = ClockRuleKind.Policy, Source = "PIPL art. 57（公司政策）", DueSoonHours = 24 },
        new() { Key = GdprRequest, Jurisdiction = "GDPR", Unit = ClockUnit.CalendarMonths, Amount = 1, Kind = ClockRuleKind.Law, Source = "GDPR art. 12(3)", MaxExtension = 2, ExtensionUnit = ClockUnit.CalendarMonths, DueSoonHours = 120, CalendarRegion = CalendarRegions.Ireland, HonouredPauses = AnyReason },
        new() { Key = GdprAuthority, Jurisdiction = "GDPR", Unit = ClockUnit.Hours, Amount = 72, Kind = ClockRuleKind.Law, Source = "GDPR art. 33", DueSoonHours = 24, CalendarRegion = CalendarRegions.Ireland },
        // Statement 6.2 promises to tell recipients to delete; how long they get to confirm is the company's choice.
        new() { Key = RecipientDeletion, Jurisdiction = "CN", Unit = ClockUnit.WorkingDays, Amount = 15, Kind = ClockRuleKind.Policy, Source = "隐私声明 6.2（公司政策）", DueSoonHours = 72 },
        new() { Key = NetworkLogs, Jurisdiction = "CN", Unit = ClockUnit.CalendarMonths, Amount = 6, Kind = ClockRuleKind.Law, Source = "网络安全法 第二十三条第三项", DueSoonHours = 0 },
    ];
}

public sealed class ClockPresetConfiguration : IEntityTypeConfiguration<ClockPreset>
{
    public void Configure(EntityTypeBuilder<ClockPreset> e)
    {
        e.ToTable("ClockPresets");
        e.HasKey(x => x.Key);
        e.Property(x => x.CalendarRegion).HasMaxLength(8).IsUnicode(false);
        e.Property(x => x.Key).HasMaxLength(48);
        e.Property(x => x.Jurisdiction).HasMaxLength(8);
        e.Property(x => x.Unit).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ExtensionUnit).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Source).HasMaxLength(120);
        e.Property(x => x.HonouredPauses).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasData(ClockPresets.Defaults());
    }
}
