using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Oversight.Dashboard;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Resources;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Cases.Backups;
using PrivacyPortal.Modules.Oversight;

namespace PrivacyPortal.Modules.Oversight.Reports;

/// <summary>
/// The compliance report an officer hands to management or an auditor: what the portal did in a period. Figures are
/// aggregated in the database; the report names no person and no subject.
/// </summary>
public sealed class ComplianceReportService(
    IDbContextFactory<PortalDbContext> contexts,
    PortalTime time,
    AuditTrail audit,
    IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Ten years: the longest period anyone reports on; a longer one is a typing mistake.</summary>
    public const int MaxDays = 3660;

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Checks a period chosen on the page; the keys are resource keys for the fields "From" and "To".</summary>
    public static FieldErrors Validate(DateOnly? from, DateOnly? to)
    {
        var errors = new FieldErrors();
        if (from is null)
        {
            errors["From"] = "Reports.Error.FromRequired";
        }
        if (to is null)
        {
            errors["To"] = "Reports.Error.ToRequired";
        }
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                errors["To"] = "Reports.Error.Reversed";
            }
            else if (t.DayNumber - f.DayNumber + 1 > MaxDays)
            {
                errors["To"] = "Reports.Error.TooLong";
            }
        }
        return errors;
    }

    /// <summary>The same check for the period as the download address carries it (yyyy-MM-dd).</summary>
    public static (DateOnly? From, DateOnly? To, FieldErrors Errors) Parse(string? from, string? to)
    {
        DateOnly? Read(string? text) => DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var (f, t) = (Read(from), Read(to));
        var errors = Validate(f, t);
        if (!string.IsNullOrWhiteSpace(from) && f is null)
        {
            errors["From"] = "Reports.Error.BadDate";
        }
        if (!string.IsNullOrWhiteSpace(to) && t is null)
        {
            errors["To"] = "Reports.Error.BadDate";
        }
        return (f, t, errors);
    }

    public static string DownloadHref(DateOnly from, DateOnly to) =>
        $"{OversightRoutes.ComplianceReportDocument}?from={from.ToString(DateFormat, CultureInfo.InvariantCulture)}&to={to.ToString(DateFormat, CultureInfo.InvariantCulture)}";

    public async Task<ComplianceReport> BuildAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var start = Utc(from);
        var end = Utc(to.AddDays(1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = db.Set<DataSubjectRequest>().AsNoTracking();

        var received = await requests.Where(r => r.CreatedAtUtc >= start && r.CreatedAtUtc < end)
            .GroupBy(r => r.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // Duplicates are closed by merging, not answered: they would flatter the times.
        var closed = await requests.Where(r => r.ClosedAtUtc >= start && r.ClosedAtUtc < end && r.Outcome != RequestOutcome.Duplicate)
            .Select(r => new { r.Type, r.CreatedAtUtc, ClosedAtUtc = r.ClosedAtUtc!.Value, r.ClosedOnTime, r.Outcome, r.RefusalReasonKeys })
            .ToListAsync(cancellationToken);
        var byType = Enum.GetValues<RequestType>().Select(t => new RequestTypeFigures(t,
                received.Where(r => r.Type == t).Sum(r => r.Count),
                closed.Count(r => r.Type == t),
                closed.Count(r => r.Type == t && r.ClosedOnTime == true),
                DashboardService.Median(closed.Where(r => r.Type == t).Select(r => (r.ClosedAtUtc - r.CreatedAtUtc).TotalDays))))
            .ToList();
        var refusedCases = closed.Where(r => r.Outcome is RequestOutcome.Refused or RequestOutcome.PartiallyFulfilled && !string.IsNullOrEmpty(r.RefusalReasonKeys)).ToList();
        var reasons = refusedCases.SelectMany(r => r.RefusalReasonKeys!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .GroupBy(k => k).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        var refusals = new RefusalFigures(closed.Count(r => r.Outcome == RequestOutcome.Refused || refusedCases.Contains(r)), reasons);

        var grades = await db.Set<BreachIncident>().AsNoTracking().Where(i => i.DiscoveredAtUtc >= start && i.DiscoveredAtUtc < end)
            .GroupBy(i => i.Grade).Select(g => new { Grade = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var submitted = await db.Set<BreachReport>().AsNoTracking().Where(r => r.SubmittedAtUtc >= start && r.SubmittedAtUtc < end)
            .GroupBy(r => r.Late).Select(g => new { Late = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // Drafted by the end of the period and not submitted by then.
        var notSubmitted = await db.Set<BreachReport>().AsNoTracking()
            .CountAsync(r => r.CreatedAtUtc < end && (r.SubmittedAtUtc == null || r.SubmittedAtUtc >= end), cancellationToken);
        BreachGrade?[] gradeOrder = [.. Enum.GetValues<BreachGrade>().Reverse().Cast<BreachGrade?>(), null];
        var incidents = new IncidentFigures(grades.Sum(g => g.Count),
            gradeOrder.Select(g => (g, grades.Where(x => x.Grade == g).Sum(x => x.Count))).Where(x => x.Item2 > 0).ToList(),
            submitted.Where(s => !s.Late).Sum(s => s.Count), submitted.Where(s => s.Late).Sum(s => s.Count), notSubmitted);

        var runs = await db.Set<PurgeRun>().AsNoTracking().Where(r => r.StartedAtUtc >= start && r.StartedAtUtc < end)
            .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.Count(), Deleted = g.Sum(r => r.RowsDeleted), Held = g.Sum(r => r.HeldRows) })
            .ToListAsync(cancellationToken);
        int Runs(PurgeRunStatus s) => runs.Where(r => r.Status == s).Sum(r => r.Count);
        var purges = new PurgeFigures(runs.Sum(r => r.Count), Runs(PurgeRunStatus.Completed), Runs(PurgeRunStatus.Failed), Runs(PurgeRunStatus.Held),
            Runs(PurgeRunStatus.AwaitingOwner), runs.Sum(r => r.Deleted), runs.Sum(r => r.Held));

        // A follow-up exists from its erasure on (it has no creation time of its own): none is open before it.
        var followUps = from f in db.Set<BackupDeletionFollowUp>().AsNoTracking()
                        join l in db.Set<ErasureLedgerEntry>().AsNoTracking() on f.LedgerEntryId equals l.Id
                        where l.ErasedAtUtc < end
                        select f;
        var endOrNow = end < time.UtcNow ? end : time.UtcNow;
        var follow = new FollowUpFigures(
            await followUps.CountAsync(f => f.ClosedAtUtc >= start && f.ClosedAtUtc < end, cancellationToken),
            await followUps.CountAsync(f => f.ClosedAtUtc == null || f.ClosedAtUtc >= end, cancellationToken),
            await followUps.CountAsync(f => (f.ClosedAtUtc == null || f.ClosedAtUtc >= end) && f.ExpectedByUtc < endOrNow, cancellationToken));

        var events = await db.AuditEvents.AsNoTracking().LongCountAsync(e => e.OccurredAtUtc >= start && e.OccurredAtUtc < end, cancellationToken);
        var verification = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.ChainVerified)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.OccurredAtUtc, Intact = e.Outcome == AuditOutcome.Success })
            .FirstOrDefaultAsync(cancellationToken);

        return new ComplianceReport(from, to, byType,
            DashboardService.Median(closed.Select(r => (r.ClosedAtUtc - r.CreatedAtUtc).TotalDays)),
            refusals, incidents, purges, follow, new AuditChainFigures(events, verification?.OccurredAtUtc, verification?.Intact));
    }

    /// <summary>The report as a DOCX in Chinese and its file name; the download is audited (period only, nothing personal).</summary>
    public async Task<(byte[] Content, string FileName)> DocumentAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var report = await BuildAsync(from, to, cancellationToken);
        var bytes = ComplianceReportDocument.Build(report, ChineseLabel, time.Format(time.UtcNow), time.Format);
        var period = $"{from.ToString(DateFormat, CultureInfo.InvariantCulture)}_{to.ToString(DateFormat, CultureInfo.InvariantCulture)}";
        await audit.RecordAsync(ReportActions.ComplianceDownloaded, targetType: ReportActions.Target, targetId: period,
            detail: new { from = from.ToString(DateFormat, CultureInfo.InvariantCulture), to = to.ToString(DateFormat, CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken);
        return (bytes, $"compliance-report-{period}.docx");
    }

    /// <summary>Enum labels from the Chinese UI text, whatever the reader's language: the report is in Chinese.</summary>
    private string ChineseLabel(string key)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            return localizer[key].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private DateTime Utc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), time.Zone);
}
