using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Cases;

namespace PrivacyPortal.Modules.Cases.Requests;

public enum AssigneeFilter
{
    Any,
    Mine,
    Unassigned,
    Specific,
}

public enum RequestSort
{
    DueDate,
    Created,
}

/// <summary>One page of the queue. Empty <see cref="Statuses"/> means every open status (everything but Closed).</summary>
public sealed record RequestQuery
{
    public IReadOnlyCollection<RequestType> Types { get; init; } = [];

    public IReadOnlyCollection<RequestStatus> Statuses { get; init; } = [];

    public RequestChannel? Channel { get; init; }

    public AssigneeFilter Assignee { get; init; }

    /// <summary>With <see cref="AssigneeFilter.Specific"/>.</summary>
    public string? AssigneeId { get; init; }

    /// <summary>Open and due within the request preset's due-soon window (not yet overdue).</summary>
    public bool DueSoon { get; init; }

    public bool Overdue { get; init; }

    /// <summary>Open and past the outer limit (China's 30 days), whatever its target says.</summary>
    public bool OuterLimitPassed { get; init; }

    public bool UncertainOnly { get; init; }

    /// <summary>An exact case number (PR-2026-000123); other filters still apply, but closed cases are found too unless statuses are chosen.</summary>
    public string? CaseNumber { get; init; }

    public RequestSort Sort { get; init; } = RequestSort.DueDate;

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>A queue row: references and states only, never a personal value.</summary>
public sealed record RequestRow(
    long Id,
    string CaseNumber,
    string SubjectReference,
    RequestType Type,
    RequestChannel Channel,
    RequestStatus Status,
    RequestOutcome? Outcome,
    string? AssigneeId,
    string? AssigneeName,
    DateTime DueAtUtc,
    bool DeadlineUncertain,
    DateTime CreatedAtUtc,
    DateTime? ClosedAtUtc,
    int Version,
    ClockState? TargetState = null,
    DateTime? OuterDueAtUtc = null,
    ClockState? OuterState = null,
    DateTime? OuterMetAtUtc = null);

/// <summary>A selected row as the grid showed it; the version catches changes made meanwhile.</summary>
public sealed record RequestRef(long Id, int Version);

/// <summary>
/// What a bulk action did: <see cref="Done"/> changed; <see cref="Conflicts"/> changed by someone else since the page
/// was loaded (left alone); <see cref="Skipped"/> closed or gone. <see cref="ErrorKey"/> refuses the whole action.
/// </summary>
public sealed record BulkResult(IReadOnlyList<string> Done, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Skipped, string? ErrorKey = null)
{
    public static BulkResult Refused(string errorKey) => new([], [], [], errorKey);
}

public sealed record AssigneeOption(string Id, string DisplayName);

/// <summary>
/// The request queue: every open case paged, filtered and sorted in the database, and the bulk actions compliance
/// officers take on selected rows (assign, close as duplicate). Each row changes only if its version is still the
/// one the officer saw.
/// </summary>
public sealed class RequestQueueService(
    IDbContextFactory<PortalDbContext> contexts,
    ClockService clocks,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>When no preset says otherwise: the GB/T 35273 target preset's own window.</summary>
    public const int DefaultDueSoonHours = 72;

    private static readonly RequestStatus[] OpenStatuses = [RequestStatus.AwaitingVerification, RequestStatus.InReview, RequestStatus.Fulfilling];

    public async Task<PagedResult<RequestRow>> QueryAsync(RequestQuery query, CancellationToken cancellationToken = default)
    {
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"Page size must be between 1 and {MaxPageSize}.");
        }
        if (query.Page < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Page, "Page must not be negative.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var requests = db.Set<DataSubjectRequest>().AsNoTracking();

        var searching = !string.IsNullOrWhiteSpace(query.CaseNumber);
        // A case number read out on the phone finds its case whatever its status, closed ones included.
        var statuses = query.Statuses.Count > 0 ? query.Statuses.Distinct().ToArray() : searching ? Enum.GetValues<RequestStatus>() : OpenStatuses;
        if (query.Overdue || query.DueSoon || query.OuterLimitPassed)
        {
            // Overdue and due soon only mean something while a case is open.
            statuses = statuses.Where(s => s != RequestStatus.Closed).ToArray();
        }
        requests = requests.Where(AnyOf<RequestStatus>(r => r.Status, statuses));
        if (query.Types.Count > 0)
        {
            requests = requests.Where(AnyOf<RequestType>(r => r.Type, query.Types.Distinct().ToArray()));
        }
        if (query.Channel is { } channel)
        {
            requests = requests.Where(r => r.Channel == channel);
        }
        switch (query.Assignee)
        {
            case AssigneeFilter.Mine:
                var me = await actor.GetActorIdAsync();
                requests = requests.Where(r => r.AssigneeId == me);
                break;
            case AssigneeFilter.Unassigned:
                requests = requests.Where(r => r.AssigneeId == null);
                break;
            case AssigneeFilter.Specific when query.AssigneeId is { } assigneeId:
                requests = requests.Where(r => r.AssigneeId == assigneeId);
                break;
        }
        if (query.Overdue)
        {
            requests = requests.Where(r => r.DueAtUtc < now);
        }
        if (query.OuterLimitPassed)
        {
            requests = requests.Where(r => r.OuterDueAtUtc < now);
        }
        if (query.DueSoon)
        {
            var until = now.AddHours(await DueSoonHoursAsync(db, cancellationToken));
            requests = requests.Where(r => r.DueAtUtc >= now && r.DueAtUtc <= until);
        }
        if (query.UncertainOnly)
        {
            requests = requests.Where(r => r.DeadlineUncertain);
        }
        if (searching)
        {
            var caseNumber = query.CaseNumber!.Trim().ToUpperInvariant();
            requests = requests.Where(r => r.CaseNumber == caseNumber);
        }

        var total = await requests.CountAsync(cancellationToken);
        requests = (query.Sort, query.Descending) switch
        {
            (RequestSort.Created, false) => requests.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id),
            (RequestSort.Created, true) => requests.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id),
            (_, false) => requests.OrderBy(r => r.DueAtUtc).ThenBy(r => r.Id),
            (_, true) => requests.OrderByDescending(r => r.DueAtUtc).ThenByDescending(r => r.Id),
        };
        var page = await requests
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(r => new
            {
                r.Id, r.CaseNumber, r.SubjectId, r.Type, r.Channel, r.Status, r.Outcome, r.AssigneeId, r.DueAtUtc, r.DeadlineUncertain,
                r.CreatedAtUtc, r.ClosedAtUtc, r.Version, r.ClockId, r.HardStopClockId, r.OuterDueAtUtc,
            })
            .ToListAsync(cancellationToken);
        // The page's clocks, for their states (paused, late, met): one query by key for the rows shown.
        var clockIds = page.SelectMany(r => new[] { r.ClockId, r.HardStopClockId }).OfType<Guid>().ToList();
        var states = clockIds.Count == 0
            ? []
            : await db.Set<Clock>().AsNoTracking().Where(c => clockIds.Contains(c.Id))
                .Select(c => new { c.Id, c.State, c.MetAtUtc }).ToDictionaryAsync(c => c.Id, cancellationToken);

        var assigneeIds = page.Where(r => r.AssigneeId != null).Select(r => r.AssigneeId!).Distinct().ToList();
        var names = assigneeIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => assigneeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var rows = page.Select(r => new RequestRow(
            r.Id, r.CaseNumber, DataSubject.FormatReference(r.SubjectId), r.Type, r.Channel, r.Status, r.Outcome, r.AssigneeId,
            r.AssigneeId is null ? null : names.GetValueOrDefault(r.AssigneeId, r.AssigneeId),
            r.DueAtUtc, r.DeadlineUncertain, r.CreatedAtUtc, r.ClosedAtUtc, r.Version,
            r.ClockId is { } target && states.TryGetValue(target, out var t) ? t.State : null,
            r.OuterDueAtUtc,
            r.HardStopClockId is { } outer && states.TryGetValue(outer, out var o) ? o.State : null,
            r.HardStopClockId is { } outerMet && states.TryGetValue(outerMet, out var m) ? m.MetAtUtc : null)).ToList();
        return new PagedResult<RequestRow>(rows, total);
    }

    /// <summary>The due-soon window of a request preset (the GB/T 35273 target's unless named), as the clock badges use.</summary>
    public async Task<int> DueSoonHoursAsync(string presetKey = ClockPresets.RequestTarget, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DueSoonHoursAsync(db, cancellationToken, presetKey);
    }

    private static async Task<int> DueSoonHoursAsync(PortalDbContext db, CancellationToken cancellationToken, string presetKey = ClockPresets.RequestTarget) =>
        await db.Set<ClockPreset>().Where(p => p.Key == presetKey).Select(p => (int?)p.DueSoonHours).SingleOrDefaultAsync(cancellationToken)
        ?? DefaultDueSoonHours;

    /// <summary>Active compliance officers, who may be given cases.</summary>
    public async Task<IReadOnlyList<AssigneeOption>> AssigneesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AssigneeCandidates(db).OrderBy(u => u.DisplayName).Select(u => new AssigneeOption(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    private static IQueryable<StaffUser> AssigneeCandidates(PortalDbContext db) =>
        db.Users.AsNoTracking().Where(u => u.IsActive
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.ComplianceOfficer)));

    /// <summary>Gives the selected open cases to <paramref name="assigneeId"/>, or takes them back to nobody with null.</summary>
    public async Task<BulkResult> AssignAsync(IReadOnlyList<RequestRef> rows, string? assigneeId, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return BulkResult.Refused("Requests.Queue.NothingSelected");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (assigneeId is not null && !await AssigneeCandidates(db).AnyAsync(u => u.Id == assigneeId, cancellationToken))
        {
            return BulkResult.Refused("Requests.Queue.AssigneeInvalid");
        }
        var result = await ForEachAsync(db, rows, (set, row) => set
            .Where(r => r.Id == row.Id && r.Version == row.Version && r.Status != RequestStatus.Closed)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.AssigneeId, assigneeId)
                .SetProperty(r => r.Version, r => r.Version + 1), cancellationToken), cancellationToken);
        foreach (var done in result.Changed)
        {
            await audit.RecordAsync(RequestActions.Assigned, targetType: "request", targetId: RequestService.Id(done.Id), subjectId: SubjectDirectory.Id(done.SubjectId),
                detail: new { done.CaseNumber, assigneeId, previousAssigneeId = done.AssigneeId }, cancellationToken: cancellationToken);
        }
        return result.ToBulkResult();
    }

    /// <summary>
    /// Closes the selected open cases as duplicates of <paramref name="duplicateOfCaseNumber"/>, which must itself be
    /// open, not among them, and the same person's (a case answered elsewhere is closed, its clock met).
    /// </summary>
    public async Task<BulkResult> MarkDuplicateAsync(IReadOnlyList<RequestRef> rows, string? duplicateOfCaseNumber, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return BulkResult.Refused("Requests.Queue.NothingSelected");
        }
        var caseNumber = duplicateOfCaseNumber?.Trim().ToUpperInvariant() ?? "";
        if (caseNumber.Length == 0)
        {
            return BulkResult.Refused("Requests.Queue.DuplicateTargetRequired");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await db.Set<DataSubjectRequest>().AsNoTracking().Where(r => r.CaseNumber == caseNumber)
            .Select(r => new { r.Id, r.Status, r.SubjectId }).SingleOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return BulkResult.Refused("Requests.Queue.DuplicateTargetNotFound");
        }
        if (rows.Any(r => r.Id == target.Id))
        {
            return BulkResult.Refused("Requests.Queue.DuplicateTargetSelected");
        }
        if (target.Status == RequestStatus.Closed)
        {
            return BulkResult.Refused("Requests.Queue.DuplicateTargetClosed");
        }
        // A request duplicates another only for the same person: closing one against someone else's case would
        // leave that person without an answer.
        var ids = rows.Select(r => r.Id).ToList();
        if (await db.Set<DataSubjectRequest>().AnyAsync(r => ids.Contains(r.Id) && r.SubjectId != target.SubjectId, cancellationToken))
        {
            return BulkResult.Refused("Requests.Queue.DuplicateTargetOtherSubject");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var result = await ForEachAsync(db, rows, (set, row) => set
            .Where(r => r.Id == row.Id && r.Version == row.Version && r.Status != RequestStatus.Closed)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RequestStatus.Closed)
                .SetProperty(r => r.Outcome, RequestOutcome.Duplicate)
                .SetProperty(r => r.DuplicateOfId, target.Id)
                .SetProperty(r => r.ClosedAtUtc, now)
                .SetProperty(r => r.ClosedOnTime, r => (bool?)(r.DueAtUtc >= now))
                .SetProperty(r => r.Version, r => r.Version + 1), cancellationToken), cancellationToken);
        foreach (var done in result.Changed)
        {
            await clocks.MeetIfRunningAsync(done.ClockId, cancellationToken);
            await clocks.MeetIfRunningAsync(done.HardStopClockId, cancellationToken);
            await audit.RecordAsync(RequestActions.MarkedDuplicate, targetType: "request", targetId: RequestService.Id(done.Id), subjectId: SubjectDirectory.Id(done.SubjectId),
                detail: new { done.CaseNumber, duplicateOf = caseNumber, duplicateOfId = target.Id, onTime = now <= done.DueAtUtc }, cancellationToken: cancellationToken);
        }
        return result.ToBulkResult();
    }

    /// <summary>A case closed as a duplicate no longer owes an answer of its own: its clock stops reminding.</summary>

    private sealed record Selected(long Id, string CaseNumber, long SubjectId, RequestStatus Status, int Version, string? AssigneeId, Guid? ClockId, Guid? HardStopClockId, DateTime DueAtUtc);

    private sealed record Outcome(List<Selected> Changed, List<string> Conflicts, List<string> Skipped)
    {
        public BulkResult ToBulkResult() => new(Changed.Select(c => c.CaseNumber).ToList(), Conflicts, Skipped);
    }

    /// <summary>
    /// One conditional update per row in one transaction: a row whose version moved on is reported as a conflict and
    /// left alone, the others change.
    /// </summary>
    private static async Task<Outcome> ForEachAsync(PortalDbContext db, IReadOnlyList<RequestRef> rows,
        Func<IQueryable<DataSubjectRequest>, RequestRef, Task<int>> update, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).Distinct().ToList();
        var current = await db.Set<DataSubjectRequest>().AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new Selected(r.Id, r.CaseNumber, r.SubjectId, r.Status, r.Version, r.AssigneeId, r.ClockId, r.HardStopClockId, r.DueAtUtc))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var outcome = new Outcome([], [], []);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows.DistinctBy(r => r.Id))
        {
            if (!current.TryGetValue(row.Id, out var seen))
            {
                continue;
            }
            if (seen.Status == RequestStatus.Closed)
            {
                outcome.Skipped.Add(seen.CaseNumber);
            }
            else if (seen.Version != row.Version || await update(db.Set<DataSubjectRequest>(), row) == 0)
            {
                outcome.Conflicts.Add(seen.CaseNumber);
            }
            else
            {
                outcome.Changed.Add(seen);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// <c>x = a OR x = b ...</c> rather than <c>IN (json_each(@p))</c>, so SQLite can seek the (Status, DueAtUtc) and
    /// (AssigneeId, Status, DueAtUtc) indexes per value.
    /// </summary>
    private static Expression<Func<DataSubjectRequest, bool>> AnyOf<T>(Expression<Func<DataSubjectRequest, T>> property, IReadOnlyList<T> values)
    {
        var parameter = property.Parameters[0];
        Expression? body = null;
        foreach (var value in values)
        {
            Expression<Func<T>> boxed = () => value;
            var equal = Expression.Equal(property.Body, boxed.Body);
            body = body is null ? equal : Expression.OrElse(body, equal);
        }
        return Expression.Lambda<Func<DataSubjectRequest, bool>>(body ?? Expression.Constant(false), parameter);
    }
}

/// <summary>
/// The queue's filters as they appear in its address (<c>requests?status=InReview&amp;type=Deletion&amp;due=overdue</c>), so a
/// filtered list can be linked to (dashboard charts) and survives a reload. Unknown values are ignored, not errors:
/// an old bookmark still opens the queue.
/// </summary>
public sealed record RequestQueueFilter
{
    public const string DueSoonFlag = "due-soon";
    public const string OverdueFlag = "overdue";
    public const string UncertainFlag = "uncertain";
    public const string OuterLimitFlag = "outer-limit";

    private static readonly string[] Flags = [DueSoonFlag, OverdueFlag, OuterLimitFlag, UncertainFlag];

    public IReadOnlyList<RequestType> Types { get; init; } = [];

    public IReadOnlyList<RequestStatus> Statuses { get; init; } = [];

    public RequestChannel? Channel { get; init; }

    /// <summary>"mine", "none" or a staff id; null for anyone.</summary>
    public string? Assignee { get; init; }

    /// <summary>Any of <see cref="DueSoonFlag"/>, <see cref="OverdueFlag"/>, <see cref="OuterLimitFlag"/>, <see cref="UncertainFlag"/>.</summary>
    public IReadOnlyList<string> Due { get; init; } = [];

    public string? CaseNumber { get; init; }

    public static RequestQueueFilter Parse(string? queryString)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString);
        IEnumerable<string> Values(string name) => query.TryGetValue(name, out var v)
            ? v.SelectMany(x => (x ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : [];
        List<T> Enums<T>(string name) where T : struct, Enum =>
            Values(name).Select(x => Enum.TryParse<T>(x, true, out var e) && Enum.IsDefined(e) ? e : (T?)null).OfType<T>().Distinct().ToList();
        var channel = Values("channel").FirstOrDefault();
        return new RequestQueueFilter
        {
            Types = Enums<RequestType>("type"),
            Statuses = Enums<RequestStatus>("status"),
            Channel = Enum.TryParse<RequestChannel>(channel, true, out var c) && Enum.IsDefined(c) ? c : null,
            Assignee = Values("assignee").FirstOrDefault(),
            Due = Values("due").Select(x => x.ToLowerInvariant()).Where(Flags.Contains).Distinct().ToList(),
            CaseNumber = Values("q").FirstOrDefault(),
        };
    }

    /// <summary>The first page of the queue under these filters, due date first.</summary>
    public RequestQuery ToQuery(int page = 0, int pageSize = 25, RequestSort sort = RequestSort.DueDate, bool descending = false) => new()
    {
        Types = Types,
        Statuses = Statuses,
        Channel = Channel,
        Assignee = Assignee switch { null => AssigneeFilter.Any, "mine" => AssigneeFilter.Mine, "none" => AssigneeFilter.Unassigned, _ => AssigneeFilter.Specific },
        AssigneeId = Assignee is null or "mine" or "none" ? null : Assignee,
        DueSoon = Due.Contains(DueSoonFlag),
        Overdue = Due.Contains(OverdueFlag),
        OuterLimitPassed = Due.Contains(OuterLimitFlag),
        UncertainOnly = Due.Contains(UncertainFlag),
        CaseNumber = CaseNumber,
        Sort = sort,
        Descending = descending,
        Page = page,
        PageSize = pageSize,
    };

    /// <summary>The address of the queue with these filters; "requests" alone when none is set.</summary>
    public string ToHref()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                // Commas separate a list's values and stay readable in the address.
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim()).Replace("%2C", ",", StringComparison.Ordinal)}");
            }
        }
        // One order whatever the order of choosing, so equal filters give equal addresses.
        Add("status", string.Join(',', Statuses.Distinct().Order()));
        Add("type", string.Join(',', Types.Distinct().Order()));
        Add("channel", Channel?.ToString());
        Add("assignee", Assignee);
        Add("due", string.Join(',', Flags.Where(Due.Contains)));
        Add("q", CaseNumber);
        return parts.Count == 0 ? CasesRoutes.Queue : CasesRoutes.Queue + "?" + string.Join('&', parts);
    }
}
