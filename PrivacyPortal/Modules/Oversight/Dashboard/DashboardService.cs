using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Cases.Backups;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;
using PrivacyPortal.Modules.Cases;
using PrivacyPortal.Modules.Foundation;
using PrivacyPortal.Modules.Incidents;

namespace PrivacyPortal.Modules.Oversight.Dashboard;

public enum DashboardChartKind
{
    Bar,
    StackedBar,
    Line,
    Donut,
}

/// <summary>One named series of a chart; its name is a resource key (or already text when <see cref="Localized"/> is false).</summary>
public sealed record DashboardSeries(string Name, IReadOnlyList<double> Values, bool Localized = true);

/// <summary>
/// A chart the dashboard draws: what it shows, where its list is (<see cref="Href"/>) and, per label, the filtered list
/// behind that bar (<see cref="PointLinks"/>). A new chart (incidents, purges, backup follow-ups) is one more method in
/// <see cref="DashboardService"/> returning one of these; <c>DashboardChartCard</c> draws any of them.
/// </summary>
public sealed record DashboardChart(
    string Id,
    string TitleKey,
    DashboardChartKind Kind,
    IReadOnlyList<string> Labels,
    IReadOnlyList<DashboardSeries> Series,
    string Href,
    IReadOnlyList<string>? PointLinks = null,
    bool LabelsLocalized = true,
    string? UnitKey = null,
    string? NoteKey = null)
{
    public bool IsEmpty => Series.All(s => s.Values.All(v => v == 0));
}

/// <summary>
/// The figures behind the home dashboard, computed from what the portal holds now. Periods are the last six calendar
/// months in the portal's zone. Each chart is bounded (open cases, the last months' closed cases), never the whole history.
/// </summary>
public sealed class DashboardService(IDbContextFactory<PortalDbContext> contexts, PortalTime time)
{
    public const int Months = 6;

    /// <summary>The charts for a reader: compliance officers follow request charts to the queue, auditors to the trail.</summary>
    public async Task<IReadOnlyList<DashboardChart>> ChartsAsync(bool canOpenQueue, CancellationToken cancellationToken = default) =>
    [
        await OpenRequestsAsync(canOpenQueue, cancellationToken),
        await ClockHealthAsync(canOpenQueue, cancellationToken),
        await MedianDaysToCloseAsync(canOpenQueue, cancellationToken),
        await OnTimeRateAsync(canOpenQueue, cancellationToken),
        await NotificationDeliveryAsync(canOpenQueue, cancellationToken),
        await ExportErasureActivityAsync(cancellationToken),
        await IncidentsByGradeAsync(canOpenQueue, cancellationToken),
        await ReportTimelinessAsync(canOpenQueue, cancellationToken),
        await PurgeVolumesAsync(canOpenQueue, cancellationToken),
        await BackupFollowUpsAsync(canOpenQueue, cancellationToken),
    ];

    /// <summary>Incidents by CAC grade (ungraded ones apart), open and closed.</summary>
    public async Task<DashboardChart> IncidentsByGradeAsync(bool canOpenList, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<BreachIncident>().AsNoTracking()
            .GroupBy(i => new { i.Grade, i.Status })
            .Select(g => new { g.Key.Grade, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        BreachGrade?[] grades = [null, .. Enum.GetValues<BreachGrade>().Cast<BreachGrade?>()];
        var series = Enum.GetValues<BreachStatus>()
            .Select(st => new DashboardSeries($"Breaches.Status.{st}", grades.Select(g => (double)counts.Where(c => c.Grade == g && c.Status == st).Sum(c => c.Count)).ToList()))
            .ToList();
        return new DashboardChart("incidents", "Dashboard.IncidentsByGrade", DashboardChartKind.StackedBar,
            grades.Select(g => g is null ? "Dashboard.Ungraded" : $"Breaches.Grade.{g}").ToList(), series,
            canOpenList ? IncidentsRoutes.Breaches : AuditQueryString.Search(new AuditFilter(Action: BreachActions.Graded)));
    }

    /// <summary>Regulator reports: submitted on time, submitted late, or drafted and not yet submitted.</summary>
    public async Task<DashboardChart> ReportTimelinessAsync(bool canOpenList, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reports = await db.Set<BreachReport>().AsNoTracking()
            .GroupBy(r => new { Submitted = r.SubmittedAtUtc != null, r.Late })
            .Select(g => new { g.Key.Submitted, g.Key.Late, Count = g.Count() })
            .ToListAsync(cancellationToken);
        double onTime = reports.Where(r => r.Submitted && !r.Late).Sum(r => r.Count);
        double late = reports.Where(r => r.Submitted && r.Late).Sum(r => r.Count);
        double pending = reports.Where(r => !r.Submitted).Sum(r => r.Count);
        return new DashboardChart("report-timeliness", "Dashboard.ReportTimeliness", DashboardChartKind.Donut,
            ["Dashboard.Reports.OnTime", "Dashboard.Reports.Late", "Dashboard.Reports.Due"],
            [new DashboardSeries("Dashboard.ReportCount", [onTime, late, pending])],
            canOpenList ? IncidentsRoutes.Breaches : AuditQueryString.Search(new AuditFilter(Action: BreachActions.ReportSubmitted)));
    }

    /// <summary>Rows deleted by retention purges per month (runs finished in the month).</summary>
    public async Task<DashboardChart> PurgeVolumesAsync(bool canOpenList, CancellationToken cancellationToken = default)
    {
        var (labels, starts) = MonthWindow();
        var from = starts[0];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Set<PurgeRun>().AsNoTracking()
            .Where(r => r.StartedAtUtc >= from && r.RowsDeleted > 0)
            .Select(r => new { r.StartedAtUtc, r.FinishedAtUtc, r.RowsDeleted, r.HeldRows })
            .ToListAsync(cancellationToken);
        var deleted = Enumerable.Range(0, Months)
            .Select(m => (double)runs.Where(r => (r.FinishedAtUtc ?? r.StartedAtUtc) >= starts[m] && (r.FinishedAtUtc ?? r.StartedAtUtc) < starts[m + 1]).Sum(r => r.RowsDeleted))
            .ToList();
        return new DashboardChart("purges", "Dashboard.PurgeVolumes", DashboardChartKind.Bar, labels,
            [new DashboardSeries("Dashboard.RowsDeleted", deleted)],
            canOpenList ? CasesRoutes.Retention : AuditQueryString.Search(new AuditFilter(Action: RetentionActions.PurgeRun)),
            canOpenList ? null : MonthLinks(RetentionActions.PurgeRun, starts), LabelsLocalized: false, UnitKey: "Dashboard.Rows");
    }

    /// <summary>Backup-deletion follow-ups: still open before their expected date, open past it, and closed this month.</summary>
    public async Task<DashboardChart> BackupFollowUpsAsync(bool canOpenList, CancellationToken cancellationToken = default)
    {
        var now = time.UtcNow;
        var today = time.Today();
        var monthStart = TimeZoneInfo.ConvertTimeToUtc(new DateOnly(today.Year, today.Month, 1).ToDateTime(TimeOnly.MinValue), time.Zone);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var followUps = db.Set<BackupDeletionFollowUp>().AsNoTracking();
        double open = await followUps.CountAsync(f => f.ClosedAtUtc == null && f.ExpectedByUtc >= now, cancellationToken);
        double pastDue = await followUps.CountAsync(f => f.ClosedAtUtc == null && f.ExpectedByUtc < now, cancellationToken);
        double closed = await followUps.CountAsync(f => f.ClosedAtUtc >= monthStart, cancellationToken);
        return new DashboardChart("backup-follow-ups", "Dashboard.BackupFollowUps", DashboardChartKind.Bar,
            ["Dashboard.FollowUps.Open", "Dashboard.FollowUps.PastExpected", "Dashboard.FollowUps.ClosedThisMonth"],
            [new DashboardSeries("Dashboard.FollowUps", [open, pastDue, closed])],
            canOpenList ? CasesRoutes.Backups : AuditQueryString.Search(new AuditFilter(Action: BackupActions.FollowUpsClosed)));
    }

    public async Task<DashboardChart> OpenRequestsAsync(bool canOpenQueue, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<DataSubjectRequest>().AsNoTracking()
            .Where(r => r.Status != RequestStatus.Closed)
            .GroupBy(r => new { r.Status, r.Type })
            .Select(g => new { g.Key.Status, g.Key.Type, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var statuses = Enum.GetValues<RequestStatus>().Where(s => s != RequestStatus.Closed).ToArray();
        var series = Enum.GetValues<RequestType>()
            .Select(t => new DashboardSeries($"Requests.Type.{t}", statuses.Select(s => (double)counts.Where(c => c.Status == s && c.Type == t).Sum(c => c.Count)).ToList()))
            .Where(s => s.Values.Any(v => v > 0))
            .ToList();
        return new DashboardChart("open-requests", "Dashboard.OpenRequests", DashboardChartKind.StackedBar,
            statuses.Select(s => $"Requests.Status.{s}").ToList(), series.Count > 0 ? series : [new DashboardSeries("Dashboard.Requests", statuses.Select(_ => 0d).ToList())],
            RequestsHref(canOpenQueue, RequestActions.Created),
            canOpenQueue ? statuses.Select(s => new RequestQueueFilter { Statuses = [s] }.ToHref()).ToList() : null);
    }

    /// <summary>
    /// Open cases by the health of their answer clocks: overdue, due soon, on track, paused, and past the outer limit
    /// (China's 30 days). A case past its outer limit counts there alone, whatever its target says: the more serious
    /// breach is never hidden among the target's.
    /// </summary>
    public async Task<DashboardChart> ClockHealthAsync(bool canOpenQueue, CancellationToken cancellationToken = default)
    {
        var now = time.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await (from r in db.Set<DataSubjectRequest>().AsNoTracking()
                          where r.Status != RequestStatus.Closed
                          join c in db.Set<Clock>().AsNoTracking() on r.ClockId equals c.Id into clocks
                          from c in clocks.DefaultIfEmpty()
                          join o in db.Set<Clock>().AsNoTracking() on r.HardStopClockId equals o.Id into outers
                          from o in outers.DefaultIfEmpty()
                          select new
                          {
                              r.DueAtUtc, State = (ClockState?)c.State, DueUtc = (DateTime?)c.DueUtc, DueSoonHours = (int?)c.DueSoonHours,
                              OuterState = (ClockState?)o.State, OuterDueUtc = (DateTime?)o.DueUtc,
                          })
            .ToListAsync(cancellationToken);
        double overdue = 0, dueSoon = 0, onTrack = 0, paused = 0, outerPassed = 0;
        foreach (var r in open)
        {
            var due = r.DueUtc ?? r.DueAtUtc;
            if (r.OuterState == ClockState.Breached || (r.OuterState == ClockState.Running && r.OuterDueUtc < now))
            {
                outerPassed++;
            }
            else if (r.State == ClockState.Paused)
            {
                paused++;
            }
            else if (r.State == ClockState.Breached || due < now)
            {
                overdue++;
            }
            else if (due <= now.AddHours(r.DueSoonHours ?? 72))
            {
                dueSoon++;
            }
            else
            {
                onTrack++;
            }
        }
        return new DashboardChart("clock-health", "Dashboard.ClockHealth", DashboardChartKind.Donut,
            ["Dashboard.Health.Overdue", "Dashboard.Health.DueSoon", "Dashboard.Health.OnTrack", "Dashboard.Health.Paused", "Dashboard.Health.OuterLimit"],
            [new DashboardSeries("Dashboard.Requests", [overdue, dueSoon, onTrack, paused, outerPassed])],
            canOpenQueue ? new RequestQueueFilter { Due = [RequestQueueFilter.OverdueFlag] }.ToHref() : RequestsHref(false, RequestActions.Created),
            canOpenQueue
                ? [new RequestQueueFilter { Due = [RequestQueueFilter.OverdueFlag] }.ToHref(), new RequestQueueFilter { Due = [RequestQueueFilter.DueSoonFlag] }.ToHref(), "requests", "clocks",
                    new RequestQueueFilter { Due = [RequestQueueFilter.OuterLimitFlag] }.ToHref()]
                : null);
    }

    public async Task<DashboardChart> MedianDaysToCloseAsync(bool canOpenQueue, CancellationToken cancellationToken = default)
    {
        var (labels, starts) = MonthWindow();
        var closed = await ClosedSinceAsync(starts[0], cancellationToken);
        var series = Enum.GetValues<RequestType>()
            .Select(t => new DashboardSeries($"Requests.Type.{t}", Enumerable.Range(0, Months).Select(m => Median(closed
                .Where(r => r.Type == t && r.ClosedAtUtc >= starts[m] && r.ClosedAtUtc < starts[m + 1])
                .Select(r => (r.ClosedAtUtc - r.CreatedAtUtc).TotalDays))).ToList()))
            .Where(s => s.Values.Any(v => v > 0))
            .ToList();
        return new DashboardChart("median-close", "Dashboard.MedianDaysToClose", DashboardChartKind.Line, labels,
            series.Count > 0 ? series : [new DashboardSeries("Dashboard.Requests", labels.Select(_ => 0d).ToList())],
            RequestsHref(canOpenQueue, RequestActions.Closed), ClosedLinks(canOpenQueue, starts), LabelsLocalized: false, UnitKey: "Dashboard.Days");
    }

    public async Task<DashboardChart> OnTimeRateAsync(bool canOpenQueue, CancellationToken cancellationToken = default)
    {
        var (labels, starts) = MonthWindow();
        var closed = await ClosedSinceAsync(starts[0], cancellationToken);
        var rate = Enumerable.Range(0, Months).Select(m =>
        {
            var month = closed.Where(r => r.ClosedAtUtc >= starts[m] && r.ClosedAtUtc < starts[m + 1] && r.ClosedOnTime is not null).ToList();
            return month.Count == 0 ? 0 : Math.Round(100.0 * month.Count(r => r.ClosedOnTime == true) / month.Count, 1);
        }).ToList();
        return new DashboardChart("on-time", "Dashboard.OnTimeRate", DashboardChartKind.Bar, labels,
            [new DashboardSeries("Dashboard.OnTimePercent", rate)], RequestsHref(canOpenQueue, RequestActions.Closed), ClosedLinks(canOpenQueue, starts),
            LabelsLocalized: false, UnitKey: "Dashboard.Percent");
    }

    /// <summary>Outbox messages of the last 30 days by channel and status.</summary>
    public async Task<DashboardChart> NotificationDeliveryAsync(bool canOpenOutbox, CancellationToken cancellationToken = default)
    {
        var since = time.UtcNow.AddDays(-30);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.CreatedAtUtc >= since)
            .GroupBy(m => new { m.Channel, m.Status })
            .Select(g => new { g.Key.Channel, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var channels = Enum.GetValues<NotificationChannel>();
        var series = Enum.GetValues<OutboxStatus>()
            .Select(s => new DashboardSeries($"Notifications.Status.{s}", channels.Select(c => (double)counts.Where(x => x.Channel == c && x.Status == s).Sum(x => x.Count)).ToList()))
            .ToList();
        return new DashboardChart("delivery", "Dashboard.NotificationDelivery", DashboardChartKind.StackedBar,
            channels.Select(c => $"Notifications.Channel.{c}").ToList(), series,
            canOpenOutbox ? FoundationRoutes.Outbox : AuditQueryString.Search(new AuditFilter(Action: NotificationAuditActions.MessageViewed)),
            NoteKey: "Dashboard.Last30Days");
    }

    /// <summary>Exports and erasures started per month; each bar opens the trail's events of that month.</summary>
    public async Task<DashboardChart> ExportErasureActivityAsync(CancellationToken cancellationToken = default)
    {
        var (labels, starts) = MonthWindow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var from = starts[0];
        var operations = await db.Set<SubjectOperation>().AsNoTracking()
            .Where(o => o.CreatedAtUtc >= from)
            .Select(o => new { o.Kind, o.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var series = new[] { (OperationKind.Export, "Dashboard.Exports"), (OperationKind.Erase, "Dashboard.Erasures") }
            .Select(k => new DashboardSeries(k.Item2, Enumerable.Range(0, Months)
                .Select(m => (double)operations.Count(o => o.Kind == k.Item1 && o.CreatedAtUtc >= starts[m] && o.CreatedAtUtc < starts[m + 1])).ToList()))
            .ToList();
        var actions = $"{ConnectorActions.ExportStarted},{ConnectorActions.EraseStarted}";
        return new DashboardChart("operations", "Dashboard.ExportErasure", DashboardChartKind.Bar, labels, series,
            AuditQueryString.Search(new AuditFilter(Action: actions)), MonthLinks(actions, starts), LabelsLocalized: false);
    }

    private sealed record ClosedCase(RequestType Type, DateTime CreatedAtUtc, DateTime ClosedAtUtc, bool? ClosedOnTime);

    private async Task<List<ClosedCase>> ClosedSinceAsync(DateTime fromUtc, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSubjectRequest>().AsNoTracking()
            .Where(r => r.ClosedAtUtc != null && r.ClosedAtUtc >= fromUtc && r.Outcome != RequestOutcome.Duplicate)
            .Select(r => new ClosedCase(r.Type, r.CreatedAtUtc, r.ClosedAtUtc!.Value, r.ClosedOnTime))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The last <see cref="Months"/> months in the portal's zone: labels "2026-06" and their UTC starts, plus the next month's start.</summary>
    private (IReadOnlyList<string> Labels, DateTime[] Starts) MonthWindow()
    {
        var today = time.Today();
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));
        var months = Enumerable.Range(0, Months + 1).Select(first.AddMonths).ToArray();
        return (months[..Months].Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList(),
            months.Select(m => TimeZoneInfo.ConvertTimeToUtc(m.ToDateTime(TimeOnly.MinValue), time.Zone)).ToArray());
    }

    private IReadOnlyList<string> MonthLinks(string action, DateTime[] starts) => Enumerable.Range(0, Months)
        .Select(m => AuditQueryString.Search(new AuditFilter(
            From: AuditQueryString.Day(DateOnly.FromDateTime(time.ToLocal(starts[m]))),
            To: AuditQueryString.Day(DateOnly.FromDateTime(time.ToLocal(starts[m + 1])).AddDays(-1)),
            Action: action)))
        .ToList();

    /// <summary>Officers open the queue filtered as the chart is; auditors (no queue access) the trail's events.</summary>
    private static string RequestsHref(bool canOpenQueue, string action) => !canOpenQueue
        ? AuditQueryString.Search(new AuditFilter(Action: action))
        : action == RequestActions.Closed ? new RequestQueueFilter { Statuses = [RequestStatus.Closed] }.ToHref() : CasesRoutes.Queue;

    private IReadOnlyList<string> ClosedLinks(bool canOpenQueue, DateTime[] starts) => canOpenQueue
        ? Enumerable.Repeat(RequestsHref(true, RequestActions.Closed), Months).ToList()
        : MonthLinks(RequestActions.Closed, starts);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1);
    }
}
