using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Shared;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.Incidents.Breaches;

public enum ReportChange
{
    Done,
    NotFound,
    Conflict,
    Invalid,
    AlreadySubmitted,
}

/// <summary>Regulator reports: drafted from the incident, edited, downloaded (DOCX), submissions recorded against the clock.</summary>
public sealed class BreachReportService(IDbContextFactory<PortalDbContext> contexts, ClockService clocks, PortalTime portalTime, AuditTrail audit, CurrentActor actor, TimeProvider time, AccessGuard access)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<BreachReport>> ListAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BreachReport>().AsNoTracking().Where(r => r.IncidentId == incidentId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    public async Task<BreachReport?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BreachReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>A new report with its sections filled from what the incident record says; staff complete and correct it.</summary>
    public async Task<long> DraftAsync(long incidentId, BreachReportKind kind, ReportAuthority authority, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleAsync(i => i.Id == incidentId, cancellationToken);
        var systems = await db.Set<DataSystem>().AsNoTracking().Where(s => db.Set<BreachIncidentSystem>().Any(l => l.IncidentId == incidentId && l.SystemId == s.Id)).ToListAsync(cancellationToken);
        var categories = await db.Set<DataCategory>().AsNoTracking().Where(c => db.Set<BreachIncidentCategory>().Any(l => l.IncidentId == incidentId && l.CategoryId == c.Id)).ToListAsync(cancellationToken);
        var campaigns = await db.Set<Campaigns.NotificationCampaign>().AsNoTracking().Where(c => c.IncidentId == incidentId).ToListAsync(cancellationToken);
        var sections = Draft(kind, incident, systems, categories, campaigns);
        var report = new BreachReport
        {
            IncidentId = incidentId, Kind = kind, Authority = authority, Sections = sections, CreatedAtUtc = Now, CreatedBy = await actor.GetActorIdAsync(), Version = 1,
        };
        db.Add(report);
        db.Add(new BreachEvent { IncidentId = incidentId, Kind = BreachEventKind.ReportDrafted, AtUtc = Now, ActorId = report.CreatedBy, Note = kind.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BreachActions.ReportDrafted, targetType: "breach-report", targetId: report.Id.ToString(CultureInfo.InvariantCulture),
            detail: new { incident = incident.Reference, kind = kind.ToString(), authority = authority.ToString() }, cancellationToken: cancellationToken);
        return report.Id;
    }

    public async Task<(FieldErrors Errors, ReportChange Outcome)> SaveAsync(long id, int version, IReadOnlyDictionary<string, string> sections, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<BreachReport>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return (errors, ReportChange.NotFound);
        }
        if (report.SubmittedAtUtc is not null)
        {
            return (errors, ReportChange.AlreadySubmitted);
        }
        var clean = new Dictionary<string, string>();
        foreach (var key in BreachReportSections.For(report.Kind))
        {
            var text = (sections.TryGetValue(key, out var t) ? t : "").Trim();
            if (text.Length > 4000)
            {
                errors[key] = "Validation.TooLong";
            }
            clean[key] = text;
        }
        if (!errors.IsValid)
        {
            return (errors, ReportChange.Invalid);
        }
        if (!db.TryClaim(report, version))
        {
            return (errors, ReportChange.Conflict);
        }
        report.Sections = clean;
        report.UpdatedAtUtc = Now;
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, ReportChange.Conflict);
        }
        await audit.RecordAsync(BreachActions.ReportEdited, targetType: "breach-report", targetId: id.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return (errors, ReportChange.Done);
    }

    /// <summary>The DOCX and its file name; audited as a download.</summary>
    public async Task<(byte[] Content, string FileName)?> DocumentAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<BreachReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return null;
        }
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleAsync(i => i.Id == report.IncidentId, cancellationToken);
        var bytes = BreachReportDocument.Build(incident, report, portalTime.Format(Now));
        await audit.RecordAsync(BreachActions.ReportDownloaded, targetType: "breach-report", targetId: id.ToString(CultureInfo.InvariantCulture),
            detail: new { incident = incident.Reference, kind = report.Kind.ToString() }, cancellationToken: cancellationToken);
        return (bytes, $"{incident.Reference}-{report.Kind.ToString().ToLowerInvariant()}-{report.Id.ToString(CultureInfo.InvariantCulture)}.docx");
    }

    /// <summary>Records that the report went to <paramref name="submittedTo"/> now and meets the duties it completes (on time or late).</summary>
    public async Task<(FieldErrors Errors, ReportChange Outcome)> SubmitAsync(long id, int version, string? submittedTo, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "breach-reports.submit");
        var errors = new FieldErrors();
        var to = InventoryRules.Required(errors, "SubmittedTo", submittedTo, 300);
        if (!errors.IsValid)
        {
            return (errors, ReportChange.Invalid);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var report = await db.Set<BreachReport>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return (errors, ReportChange.NotFound);
        }
        if (report.SubmittedAtUtc is not null)
        {
            return (errors, ReportChange.AlreadySubmitted);
        }
        var incident = await db.Set<BreachIncident>().AsNoTracking().SingleAsync(i => i.Id == report.IncidentId, cancellationToken);
        var owner = BreachService.Owner(incident.Id);
        var open = await db.Set<Clock>().AsNoTracking()
            .Where(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == owner && c.State != ClockState.Met && c.State != ClockState.Discharged)
            .OrderBy(c => c.DueUtc).ToListAsync(cancellationToken);
        // The duties this report answers: the final report its own clock; an initial report each duty routed to its
        // recipient, met once every recipient of that duty has an initial report (CII: protection department and public security).
        var routes = await db.Set<BreachReportRoute>().AsNoTracking().ToListAsync(cancellationToken);
        var reached = await db.Set<BreachReport>().AsNoTracking()
            .Where(r => r.IncidentId == incident.Id && r.Kind == BreachReportKind.Initial && r.SubmittedAtUtc != null).Select(r => r.Authority).ToListAsync(cancellationToken);
        reached.Add(report.Authority);
        var answered = report.Kind switch
        {
            BreachReportKind.Final => open.Where(c => c.PresetKey == ClockPresets.FinalReport).Take(1).ToList(),
            BreachReportKind.Initial => open.Where(c => routes.Any(r => r.PresetKey == c.PresetKey && r.Authority == report.Authority)).ToList(),
            _ => [],
        };
        var met = answered.Where(c => report.Kind == BreachReportKind.Final
            || routes.Where(r => r.PresetKey == c.PresetKey).All(r => reached.Contains(r.Authority))).ToList();
        var actorId = await actor.GetActorIdAsync();
        if (!db.TryClaim(report, version))
        {
            return (errors, ReportChange.Conflict);
        }
        report.SubmittedAtUtc = Now;
        report.SubmittedTo = to;
        report.SubmittedBy = actorId;
        report.Late = answered.Any(c => Now > c.DueUtc);
        db.Add(new BreachEvent { IncidentId = incident.Id, Kind = BreachEventKind.ReportSubmitted, AtUtc = Now, ActorId = actorId, Note = $"{report.Kind} → {to}" });
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, ReportChange.Conflict);
        }
        foreach (var clock in met)
        {
            await clocks.MarkMetAsync(clock.Id, clock.Version, cancellationToken);
        }
        await audit.RecordAsync(BreachActions.ReportSubmitted, targetType: "breach-report", targetId: id.ToString(CultureInfo.InvariantCulture),
            detail: new { incident = incident.Reference, kind = report.Kind.ToString(), authority = report.Authority.ToString(), report.Late, answered = answered.Select(c => c.PresetKey), met = met.Select(c => c.PresetKey) }, cancellationToken: cancellationToken);
        return (errors, ReportChange.Done);
    }

    private const string Ransom = "（如为勒索软件攻击，请填写要求支付赎金的金额、方式、日期等；不涉及的，请填写“不涉及”）";
    private const string Leads = "（请填写可能的攻击者信息、攻击路径、被利用的漏洞等线索）";
    private const string Scene = "（请填写事件现场及日志、样本等证据的保护情况）";

    private Dictionary<string, string> Draft(BreachReportKind kind, BreachIncident incident, List<DataSystem> systems, List<DataCategory> categories, List<Campaigns.NotificationCampaign> campaigns)
    {
        string Local(DateTime? utc) => utc is null ? "不详" : portalTime.Format(utc.Value);
        var categoryNames = categories.Count == 0 ? "（待确认）" : string.Join("、", categories.Select(c => c.NameZh));
        var sensitive = categories.Any(c => c.IsSensitive) ? "是" : "否";
        var people = incident.AffectedCount > 0
            ? $"已确认涉及个人信息主体 {incident.AffectedCount:N0} 人（其中 {incident.UnmatchedCount:N0} 条标识未能与个人信息主体目录匹配）"
            : "涉及人数待确认";
        if (incident.EstimatedAffected is { } estimate && estimate > incident.AffectedCount)
        {
            people += $"，估计涉及约 {estimate:N0} 人";
        }
        var grade = incident.Grade switch
        {
            BreachGrade.Critical => "特别重大",
            BreachGrade.Major => "重大",
            BreachGrade.Larger => "较大",
            BreachGrade.General => "一般",
            _ => "待定级",
        };
        var impact = $"{people}；涉及个人信息类别：{categoryNames}；是否涉及敏感个人信息：{sensitive}；事件分级：{grade}。";
        var contact = "个人信息保护负责人：（请填写姓名、电话、电子邮箱）";
        var sections = new Dictionary<string, string>();
        switch (kind)
        {
            case BreachReportKind.Initial:
                sections["unit"] = string.Join("、", systems.Select(s => s.OwnerTeam).Where(t => t.Length > 0).Distinct()) is { Length: > 0 } teams ? $"（请填写单位全称）；责任部门：{teams}" : "（请填写单位全称）";
                sections["system"] = string.Join("\n", systems.Select(s => $"{s.Name}（存储地域：{s.StorageRegion}）"));
                sections["time"] = $"发现时间：{Local(incident.DiscoveredAtUtc)}；发生时间：{Local(incident.OccurredFromUtc)} 至 {Local(incident.OccurredToUtc)}；发现方式：{(incident.HowDiscovered.Length > 0 ? incident.HowDiscovered : "（请填写）")}";
                sections["place"] = systems.All(s => !s.IsCrossBorder) ? "中国境内（系统存储于中国大陆）" : "涉及境外存储的系统，详见上文";
                sections["type"] = $"个人信息安全事件（数据泄露），事件级别：{grade}。{incident.WhatHappened}";
                sections["impact"] = impact;
                sections["measures"] = incident.Measures;
                sections["ransom"] = Ransom;
                sections["trend"] = "（请填写事态发展趋势及可能造成的进一步影响和危害）";
                sections["cause"] = incident.InitialCause;
                sections["leads"] = Leads;
                sections["further"] = "（请填写拟进一步采取的应对措施以及请求支援事项）";
                sections["scene"] = Scene;
                sections["other"] = "（如无，请填写“无”）";
                sections["contact"] = contact;
                break;
            case BreachReportKind.Supplement:
                sections["progress"] = "（请填写自上次报告以来的处置进展）";
                sections["impact"] = impact;
                sections["measures"] = incident.Measures;
                sections["cause"] = incident.ConfirmedCause.Length > 0 ? incident.ConfirmedCause : incident.InitialCause;
                sections["leads"] = Leads;
                sections["further"] = "（请填写拟进一步采取的应对措施以及请求支援事项）";
                sections["scene"] = Scene;
                sections["contact"] = contact;
                break;
            default:
                sections["summary"] = $"{incident.Title}。{incident.WhatHappened}（发现时间：{Local(incident.DiscoveredAtUtc)}；处置结束时间：{Local(incident.HandlingEndedAtUtc)}）";
                sections["cause"] = incident.ConfirmedCause.Length > 0 ? incident.ConfirmedCause : incident.InitialCause;
                sections["measures"] = incident.Measures;
                sections["impact"] = impact;
                sections["accountability"] = "（请填写责任认定及追究情况）";
                sections["notification"] = campaigns.Count == 0
                    ? "（请说明告知个人信息主体的情况；未告知的，说明理由）"
                    : string.Join("\n", campaigns.Select(c => $"通知活动“{c.Title}”：对象 {c.CohortSize:N0} 人，已生成通知 {c.Queued:N0} 条，状态：{c.Status}"));
                sections["remediation"] = "（请填写整改措施及完成情况）";
                sections["lessons"] = "（请填写经验教训及改进建议）";
                sections["contact"] = contact;
                break;
        }
        return sections;
    }
}
