using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Clocks;

public enum ClockChange
{
    Done,
    NotFound,
    /// <summary>Someone else changed the clock since it was loaded: nothing saved.</summary>
    Conflict,
    /// <summary>The action does not apply in the clock's state (e.g. resume a running clock).</summary>
    NotAllowed,
    /// <summary>More extension than the rule allows.</summary>
    TooLong,
    /// <summary>A reason is required.</summary>
    ReasonRequired,
}

public enum ClockFilter
{
    All,
    Open,
    DueSoon,
    Overdue,
    Uncertain,
    Closed,
}

public sealed record ClockSummary(int Overdue, int DueSoon, int Uncertain);

public sealed record ClockQuery(ClockFilter Filter, int Page, int PageSize, string? OwnerType = null);

public sealed record ClockRow(Guid Id, string OwnerType, string OwnerId, string PresetKey, ClockUnit Unit, int Amount, DateTime StartUtc,
    DateTime DueUtc, ClockState State, bool Uncertain, int DueSoonHours, DateTime? MetAtUtc, int Version, string RuleSource = "");

/// <summary>
/// Starts and moves clocks. Every change is recorded on the clock (who, when, why, the deadline before and after)
/// and in the audit trail.
/// </summary>
/// <summary>A clock whose due instant a recompute would move: before and after, and whether it is late either way.</summary>
public sealed record ClockMove(Guid Id, int Version, string OwnerType, string OwnerId, string PresetKey, DateTime OldDueUtc, DateTime NewDueUtc,
    bool WasUncertain, bool IsUncertain, bool WasLate, bool IsLate);

/// <summary>
/// A module that keeps a copy of a clock's due instant or state for its own queries (a request's due date for the queue)
/// updates it here, inside the transaction that changes the clock: a copy never says something the clock does not.
/// </summary>
public interface IClockCopy
{
    Task UpdateAsync(PortalDbContext db, Clock clock, CancellationToken cancellationToken);
}

public sealed class ClockService(
    IDbContextFactory<PortalDbContext> contexts, CalendarCache calendars, PortalTime time, AuditTrail audit, CurrentActor actor, IEnumerable<IClockCopy> copies)
{
    /// <summary>Adds a clock started from <paramref name="presetKey"/> to <paramref name="db"/>; the caller saves it with its own change.</summary>
    public async Task<Clock> AddAsync(PortalDbContext db, string ownerType, string ownerId, string presetKey, DateTime startUtc, string actorId, CancellationToken cancellationToken = default)
    {
        var preset = await db.Set<ClockPreset>().AsNoTracking().SingleAsync(p => p.Key == presetKey, cancellationToken);
        // The preset's own calendar: no Chinese holiday moves a GDPR deadline, no EU holiday a Chinese one.
        var calendar = await calendars.GetAsync(preset.CalendarRegion, cancellationToken);
        var deadline = DeadlineCalculator.Compute(startUtc, new ClockRule(preset.Unit, preset.Amount), calendar, time.Zone);
        var clock = new Clock
        {
            Id = Guid.NewGuid(),
            OwnerType = ownerType,
            OwnerId = ownerId,
            PresetKey = preset.Key,
            StartUtc = startUtc,
            Unit = preset.Unit,
            Amount = preset.Amount,
            RuleKind = preset.Kind,
            RuleSource = preset.Source,
            MaxExtension = preset.MaxExtension,
            ExtensionUnit = preset.ExtensionUnit,
            DueSoonHours = preset.DueSoonHours,
            CalendarRegion = preset.CalendarRegion,
            HonouredPauses = preset.HonouredPauses,
            DueUtc = deadline.DueUtc,
            Uncertain = deadline.Uncertain,
            State = ClockState.Running,
            Version = 1,
        };
        clock.Entries.Add(new ClockEntry { Kind = ClockEntryKind.Started, AtUtc = time.UtcNow, ActorId = actorId, NewDueUtc = clock.DueUtc });
        db.Add(clock);
        return clock;
    }

    public async Task<Clock> StartAsync(string ownerType, string ownerId, string presetKey, DateTime startUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var clock = await AddAsync(db, ownerType, ownerId, presetKey, startUtc, await actor.GetActorIdAsync(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("clock.started", targetType: "clock", targetId: clock.Id.ToString(),
            detail: new { ownerType, ownerId, presetKey, due = clock.DueUtc, clock.Uncertain }, cancellationToken: cancellationToken);
        return clock;
    }

    public async Task<Clock?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Clock>().AsNoTracking().Include(c => c.Entries.OrderBy(e => e.Id)).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    public async Task<PagedResult<ClockRow>> QueryAsync(ClockQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow;
        var clocks = db.Set<Clock>().AsNoTracking();
        if (!string.IsNullOrEmpty(query.OwnerType))
        {
            clocks = clocks.Where(c => c.OwnerType == query.OwnerType);
        }
        clocks = query.Filter switch
        {
            ClockFilter.Open => clocks.Where(c => c.State == ClockState.Running || c.State == ClockState.Paused || c.State == ClockState.Breached),
            ClockFilter.DueSoon => clocks.Where(c => c.State == ClockState.Running && c.DueUtc >= now && c.DueUtc <= now.AddHours(c.DueSoonHours)),
            ClockFilter.Overdue => clocks.Where(c => c.State == ClockState.Breached || (c.State == ClockState.Running && c.DueUtc < now)),
            ClockFilter.Uncertain => clocks.Where(c => c.Uncertain && c.State != ClockState.Met && c.State != ClockState.Discharged),
            ClockFilter.Closed => clocks.Where(c => c.State == ClockState.Met || c.State == ClockState.Discharged),
            _ => clocks,
        };
        var total = await clocks.CountAsync(cancellationToken);
        var items = await clocks.OrderBy(c => c.DueUtc).ThenBy(c => c.Id)
            .Skip(Math.Max(0, query.Page) * query.PageSize).Take(Math.Clamp(query.PageSize, 1, 200))
            .Select(c => new ClockRow(c.Id, c.OwnerType, c.OwnerId, c.PresetKey, c.Unit, c.Amount, c.StartUtc, c.DueUtc, c.State, c.Uncertain, c.DueSoonHours, c.MetAtUtc, c.Version, c.RuleSource))
            .ToListAsync(cancellationToken);
        return new PagedResult<ClockRow>(items, total);
    }

    /// <summary>What a compliance officer's home page counts.</summary>
    public async Task<ClockSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        var now = time.UtcNow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<Clock>().AsNoTracking()
            .Where(c => c.State == ClockState.Running || c.State == ClockState.Breached || c.State == ClockState.Paused)
            .Select(c => new { c.State, c.DueUtc, c.DueSoonHours, c.Uncertain })
            .ToListAsync(cancellationToken);
        return new ClockSummary(
            open.Count(c => c.State == ClockState.Breached || (c.State == ClockState.Running && c.DueUtc < now)),
            open.Count(c => c.State == ClockState.Running && c.DueUtc >= now && c.DueUtc <= now.AddHours(c.DueSoonHours)),
            open.Count(c => c.Uncertain));
    }

    /// <summary>Stops the clock for <paramref name="kind"/>; a clock whose rule does not honour that reason is not paused (<see cref="ClockChange.NotAllowed"/>).</summary>
    public Task<ClockChange> PauseAsync(Guid id, int version, string? reason, CancellationToken cancellationToken = default, PauseReasons kind = PauseReasons.Other) =>
        ChangeAsync(id, version, reason, requireReason: true, (clock, now) =>
        {
            if (clock.State != ClockState.Running || !clock.Honours(kind))
            {
                return ClockStep.Refused(ClockChange.NotAllowed);
            }
            clock.State = ClockState.Paused;
            clock.PausedAtUtc = now;
            return new ClockStep(ClockEntryKind.Paused);
        }, cancellationToken);

    /// <summary>The paused time does not count: the deadline moves by the working days, days or hours the pause lasted.</summary>
    public Task<ClockChange> ResumeAsync(Guid id, int version, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, reason, requireReason: false, (clock, now) =>
        {
            if (clock.State != ClockState.Paused || clock.PausedAtUtc is null)
            {
                return ClockStep.Refused(ClockChange.NotAllowed);
            }
            clock.State = ClockState.Running;
            clock.PausedAtUtc = null;
            return new ClockStep(ClockEntryKind.Resumed, Replay: true);
        }, cancellationToken);

    /// <summary>Extends within what the rule allows (GDPR art. 12(3): by up to two further months, with notice to the person).</summary>
    public Task<ClockChange> ExtendAsync(Guid id, int version, int amount, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, reason, requireReason: true, (clock, now) =>
        {
            if (clock.IsClosed || clock.MaxExtension == 0)
            {
                return ClockStep.Refused(ClockChange.NotAllowed);
            }
            if (amount <= 0 || clock.Extended + amount > clock.MaxExtension)
            {
                return ClockStep.Refused(ClockChange.TooLong);
            }
            clock.Extended += amount;
            return new ClockStep(ClockEntryKind.Extended, Replay: true, Amount: amount);
        }, cancellationToken);

    /// <summary>The obligation was fulfilled (answered, reported, notified). A clock met after its due instant stays visibly late.</summary>
    public Task<ClockChange> MarkMetAsync(Guid id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, null, requireReason: false, (clock, now) =>
        {
            if (clock.State is ClockState.Met or ClockState.Discharged)
            {
                return ClockStep.Refused(ClockChange.NotAllowed);
            }
            clock.State = ClockState.Met;
            clock.MetAtUtc = now;
            clock.PausedAtUtc = null;
            return new ClockStep(ClockEntryKind.Met);
        }, cancellationToken);

    /// <summary>
    /// The obligation ends by a recorded decision rather than by doing it (below the reporting threshold, notice found
    /// unnecessary and approved): the clock stops and says so, never "met".
    /// </summary>
    public Task<ClockChange> DischargeAsync(Guid id, int version, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, reason, requireReason: true, (clock, now) =>
        {
            if (clock.State is ClockState.Met or ClockState.Discharged)
            {
                return ClockStep.Refused(ClockChange.NotAllowed);
            }
            clock.State = ClockState.Discharged;
            clock.MetAtUtc = now;
            clock.PausedAtUtc = null;
            return new ClockStep(ClockEntryKind.Discharged);
        }, cancellationToken);

    /// <summary>Marks the clock met when its obligation ends with the case it belongs to; nothing when there is none or it is met already.</summary>
    public async Task MeetIfRunningAsync(Guid? id, CancellationToken cancellationToken = default)
    {
        if (id is { } clockId && await GetAsync(clockId, cancellationToken) is { IsClosed: false } clock)
        {
            await MarkMetAsync(clockId, clock.Version, cancellationToken);
        }
    }

    /// <summary>After a calendar correction: the same snapshot rule, today's calendar. Never automatic.</summary>
    public Task<ClockChange> RecomputeAsync(Guid id, int version, string? reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, reason, requireReason: true, (clock, now) =>
        {
            if (clock.IsClosed)
            {
                return ClockStep.Refused(ClockChange.NotAllowed);
            }
            return new ClockStep(ClockEntryKind.Recomputed, Replay: true);
        }, cancellationToken);

    /// <summary>
    /// The open clocks of a region (running, paused or late) whose due instant a replay on today's calendar would move, with
    /// what the move means: nothing is saved. Offered after a calendar import or correction.
    /// </summary>
    public async Task<IReadOnlyList<ClockMove>> PreviewRecomputeAsync(string region, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Set<Clock>().AsNoTracking().Include(c => c.Entries)
            .Where(c => c.CalendarRegion == region && c.State != ClockState.Met && c.State != ClockState.Discharged).ToListAsync(cancellationToken);
        var calendar = await calendars.GetAsync(region, cancellationToken);
        var now = time.UtcNow;
        var moves = new List<ClockMove>();
        foreach (var clock in open)
        {
            var replayed = ClockHistory.Replay(clock, [.. clock.Entries.OrderBy(e => e.AtUtc).ThenBy(e => e.Id)], calendar, time.Zone);
            if (replayed.DueUtc != clock.DueUtc || replayed.Uncertain != clock.Uncertain)
            {
                moves.Add(new ClockMove(clock.Id, clock.Version, clock.OwnerType, clock.OwnerId, clock.PresetKey, clock.DueUtc, replayed.DueUtc,
                    clock.Uncertain, replayed.Uncertain, clock.DueUtc < now, replayed.DueUtc < now));
            }
        }
        return [.. moves.OrderBy(m => m.NewDueUtc)];
    }

    /// <summary>Recomputes the previewed clocks, each in its own audited change; one that changed since the preview is left as it is.</summary>
    public async Task<(int Recomputed, int Conflicts)> RecomputeAllAsync(string region, IReadOnlyList<ClockMove> previewed, string? reason, CancellationToken cancellationToken = default)
    {
        int recomputed = 0, conflicts = 0;
        foreach (var move in previewed)
        {
            var change = await RecomputeAsync(move.Id, move.Version, reason, cancellationToken);
            if (change == ClockChange.ReasonRequired)
            {
                return (0, 0);
            }
            (recomputed, conflicts) = change == ClockChange.Done ? (recomputed + 1, conflicts) : (recomputed, conflicts + 1);
        }
        await audit.RecordAsync("clock.bulk-recomputed", targetType: "calendar", targetId: region,
            detail: new { reason = reason?.Trim(), recomputed, conflicts, previewed = previewed.Count }, cancellationToken: cancellationToken);
        return (recomputed, conflicts);
    }

    /// <summary>
    /// What an action did to a clock: the entry to record, whether the due instant is replayed from the history with it
    /// (<see cref="ClockHistory"/>), an extension's amount, or why it was refused.
    /// </summary>
    private sealed record ClockStep(ClockEntryKind Kind, bool Replay = false, int? Amount = null, ClockChange Outcome = ClockChange.Done)
    {
        public static ClockStep Refused(ClockChange reason) => new(default, Outcome: reason);
    }

    private async Task<ClockChange> ChangeAsync(Guid id, int version, string? reason, bool requireReason,
        Func<Clock, DateTime, ClockStep> change, CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (requireReason && string.IsNullOrEmpty(reason))
        {
            return ClockChange.ReasonRequired;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var clock = await db.Set<Clock>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clock is null)
        {
            return ClockChange.NotFound;
        }
        if (!db.TryClaim(clock, version))
        {
            return ClockChange.Conflict;
        }
        var now = time.UtcNow;
        var step = change(clock, now);
        if (step.Outcome != ClockChange.Done)
        {
            return step.Outcome;
        }
        var previousDue = clock.DueUtc;
        var entry = new ClockEntry { ClockId = clock.Id, Kind = step.Kind, AtUtc = now, Reason = reason, ActorId = await actor.GetActorIdAsync(), Amount = step.Amount };
        if (step.Replay)
        {
            var history = await db.Set<ClockEntry>().AsNoTracking().Where(e => e.ClockId == clock.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            var deadline = ClockHistory.Replay(clock, [.. history, entry], await calendars.GetAsync(clock.CalendarRegion, cancellationToken), time.Zone);
            (clock.DueUtc, clock.Uncertain) = (deadline.DueUtc, deadline.Uncertain);
            if (clock.State is ClockState.Running or ClockState.Breached)
            {
                clock.State = clock.DueUtc < now ? ClockState.Breached : ClockState.Running;
            }
        }
        entry.PreviousDueUtc = previousDue;
        entry.NewDueUtc = clock.DueUtc;
        db.Add(entry);
        var saved = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await db.SaveUnlessChangedAsync(ct))
            {
                return false;
            }
            foreach (var copy in copies)
            {
                await copy.UpdateAsync(db, clock, ct);
            }
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
        if (!saved)
        {
            return ClockChange.Conflict;
        }
        await audit.RecordAsync($"clock.{step.Kind.ToString().ToLowerInvariant()}", targetType: "clock", targetId: clock.Id.ToString(),
            detail: new { reason, previousDue, due = clock.DueUtc, state = clock.State.ToString() }, cancellationToken: cancellationToken);
        return ClockChange.Done;
    }
}
