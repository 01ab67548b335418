using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Modules.Oversight.AuditWorkspace;

/// <summary>Thresholds for the anomaly review (appsettings "Audit:Anomalies").</summary>
public sealed class AuditAnomalyOptions
{
    public const string Section = "Audit:Anomalies";

    /// <summary>Reveals and exports by one person in one clock hour above this are flagged (company control, not law).</summary>
    public int PerHour { get; set; } = 20;

    /// <summary>Working hours in the portal's zone, Monday to Friday; access outside them is flagged for review.</summary>
    public int WorkdayStartHour { get; set; } = 8;

    public int WorkdayEndHour { get; set; } = 20;

    /// <summary>The longest period one review covers, so a review is a bounded scan.</summary>
    public int MaxDays { get; set; } = 92;
}

public enum AnomalyKind
{
    /// <summary>More reveals or exports in one hour than <see cref="AuditAnomalyOptions.PerHour"/>.</summary>
    Burst,
    OutsideWorkingHours,
    /// <summary>A person's data revealed or exported while no request of theirs was open.</summary>
    NoOpenCase,
    /// <summary>A reveal refused because its author had reached the hourly limit (Subjects:RevealsPerHour).</summary>
    RevealLimit,
}

public sealed record AuditAnomaly(AnomalyKind Kind, string ActorId, DateTime AtUtc, int Count, string? SubjectId, long? Sequence, string Action);

public sealed record SubjectAccessSummary(string SubjectId, int Events, DateTime FirstUtc, DateTime LastUtc, IReadOnlyList<string> Actions);

/// <summary>
/// The access review an auditor does: who touched one person's data and why, what one staff member touched, and
/// the access that stands out. Read-only; built on the trail alone (plus request cases for "no open case").
/// </summary>
public sealed class AccessReviewService(IDbContextFactory<PortalDbContext> contexts, PortalTime time, IOptions<AuditAnomalyOptions> options)
{
    /// <summary>Actions that disclose a person's data to staff: what the anomaly review counts.</summary>
    public static readonly IReadOnlyList<string> DisclosingActions =
        [SubjectActions.Revealed, ConnectorActions.ExportStarted, ConnectorActions.PackageDownloaded, NotificationAuditActions.MessageViewed];

    /// <summary>Sign-in failures, throttled bursts, lockouts and refused pages: the security review.</summary>
    public static readonly IReadOnlyList<string> SecurityActions =
        [AuditActions.SignInFailed, AuditActions.SignInThrottled, AuditActions.LockedOut, AuditActions.AuthorizationDenied];

    private const int MaxRows = 500;

    /// <summary>Every subject one staff member touched in the period, most recent first.</summary>
    public async Task<IReadOnlyList<SubjectAccessSummary>> SubjectsTouchedByAsync(string actorId, DateTime fromUtc, DateTime toUtc,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == actorId && e.OccurredAtUtc >= fromUtc && e.OccurredAtUtc < toUtc && e.SubjectId != null)
            .GroupBy(e => new { e.SubjectId, e.Action })
            .Select(g => new { g.Key.SubjectId, g.Key.Action, Count = g.Count(), First = g.Min(e => e.OccurredAtUtc), Last = g.Max(e => e.OccurredAtUtc) })
            .ToListAsync(cancellationToken);
        return groups
            .GroupBy(g => g.SubjectId!)
            .Select(g => new SubjectAccessSummary(g.Key, g.Sum(x => x.Count), g.Min(x => x.First), g.Max(x => x.Last),
                g.OrderByDescending(x => x.Count).Select(x => x.Action).ToList()))
            .OrderByDescending(s => s.LastUtc)
            .Take(MaxRows)
            .ToList();
    }

    public FieldErrors ValidatePeriod(DateTime fromUtc, DateTime toUtc)
    {
        var errors = new FieldErrors();
        if (toUtc <= fromUtc)
        {
            errors["To"] = "Audit.Search.RangeReversed";
        }
        else if ((toUtc - fromUtc).TotalDays > options.Value.MaxDays)
        {
            errors["To"] = "Audit.Anomalies.RangeTooLong";
        }
        return errors;
    }

    /// <summary>Bursts, access outside working hours and access with no open case, in the period (at most 500 of each).</summary>
    public async Task<(FieldErrors Errors, IReadOnlyList<AuditAnomaly> Anomalies)> AnomaliesAsync(DateTime fromUtc, DateTime toUtc,
        CancellationToken cancellationToken = default)
    {
        var errors = ValidatePeriod(fromUtc, toUtc);
        if (!errors.IsValid)
        {
            return (errors, []);
        }
        var o = options.Value;
        var actions = DisclosingActions.ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => actions.Contains(e.Action) && e.OccurredAtUtc >= fromUtc && e.OccurredAtUtc < toUtc && e.ActorId != AuditActors.System)
            .OrderBy(e => e.OccurredAtUtc)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.ActorId, e.Action, e.SubjectId })
            .ToListAsync(cancellationToken);

        var found = new List<AuditAnomaly>();
        found.AddRange(events
            .GroupBy(e => (e.ActorId, Hour: new DateTime(e.OccurredAtUtc.Year, e.OccurredAtUtc.Month, e.OccurredAtUtc.Day, e.OccurredAtUtc.Hour, 0, 0, DateTimeKind.Utc)))
            .Where(g => g.Count() > o.PerHour)
            .Select(g => new AuditAnomaly(AnomalyKind.Burst, g.Key.ActorId, g.Key.Hour, g.Count(), null, g.First().Sequence, g.First().Action))
            .Take(MaxRows));

        found.AddRange(events
            .Where(e => OutsideWorkingHours(time.ToLocal(e.OccurredAtUtc), o))
            .Select(e => new AuditAnomaly(AnomalyKind.OutsideWorkingHours, e.ActorId, e.OccurredAtUtc, 1, e.SubjectId, e.Sequence, e.Action))
            .Take(MaxRows));

        var subjectIds = events.Where(e => e.SubjectId is not null).Select(e => e.SubjectId!).Distinct()
            .Select(s => long.TryParse(s, out var id) ? id : (long?)null).OfType<long>().ToList();
        var cases = new List<(long SubjectId, DateTime Opened, DateTime? Closed)>();
        foreach (var chunk in subjectIds.Chunk(500))
        {
            var rows = await db.Set<DataSubjectRequest>().AsNoTracking()
                .Where(r => chunk.Contains(r.SubjectId) && r.CreatedAtUtc < toUtc)
                .Select(r => new { r.SubjectId, r.CreatedAtUtc, r.ClosedAtUtc })
                .ToListAsync(cancellationToken);
            cases.AddRange(rows.Select(r => (r.SubjectId, r.CreatedAtUtc, r.ClosedAtUtc)));
        }
        var bySubject = cases.ToLookup(c => SubjectDirectory.Id(c.SubjectId));
        found.AddRange(events
            .Where(e => e.SubjectId is not null && !bySubject[e.SubjectId].Any(c => c.Opened <= e.OccurredAtUtc && (c.Closed is null || c.Closed >= e.OccurredAtUtc)))
            .Select(e => new AuditAnomaly(AnomalyKind.NoOpenCase, e.ActorId, e.OccurredAtUtc, 1, e.SubjectId, e.Sequence, e.Action))
            .Take(MaxRows));
        found.AddRange(await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == SubjectActions.RevealRefused && e.OccurredAtUtc >= fromUtc && e.OccurredAtUtc < toUtc)
            .OrderBy(e => e.OccurredAtUtc).Take(MaxRows)
            .Select(e => new AuditAnomaly(AnomalyKind.RevealLimit, e.ActorId, e.OccurredAtUtc, 1, e.SubjectId, e.Sequence, e.Action))
            .ToListAsync(cancellationToken));
        return (errors, found.OrderByDescending(a => a.AtUtc).ToList());
    }

    private static bool OutsideWorkingHours(DateTime local, AuditAnomalyOptions o) =>
        local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || local.Hour < o.WorkdayStartHour || local.Hour >= o.WorkdayEndHour;
}
