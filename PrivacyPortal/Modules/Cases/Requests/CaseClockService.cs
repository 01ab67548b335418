using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>A case's answer clocks: its target and, under China's rules, the outer limit beside it.</summary>
public sealed record CaseClocks(Clock Target, Clock? Outer)
{
    public IEnumerable<Clock> All => Outer is null ? [Target] : [Target, Outer];
}

/// <summary>
/// A case's answer clocks from the case page: pause (with the kind of reason) and resume, extend with the statutory
/// notice to the person (GDPR art. 12(3)), and the fee for repeated requests (statement 6.7), which stops the clocks
/// until it is paid or waived. Each clock pauses only for the reasons its rule honours; the others keep running.
/// The case's due dates always mirror its clocks.
/// </summary>
public sealed class CaseClockService(
    IDbContextFactory<PortalDbContext> contexts,
    ClockService clocks,
    NotificationOutbox outbox,
    IdentifierProtector identifiers,
    IStringLocalizer<SharedResource> localizer,
    IOptions<RequestsOptions> options,
    PortalTime portalTime,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time)
{
    public const int MinReason = 4;
    public const int MinFeeBasis = 10;

    /// <summary>How many requests this person made in the twelve months before now; a fee may be assessed above the threshold.</summary>
    public static Task<int> RequestsInLastYearAsync(PortalDbContext db, long subjectId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var since = nowUtc.AddMonths(-12);
        return db.Set<DataSubjectRequest>().CountAsync(r => r.SubjectId == subjectId && r.CreatedAtUtc >= since, cancellationToken);
    }

    public int FreeRequestsPerYear => options.Value.FreeRequestsPerYear;

    public bool FeeAllowed(int requestsInLastYear) => requestsInLastYear > options.Value.FreeRequestsPerYear;

    /// <summary>The reasons an officer picks on the case page; a fee pauses through <see cref="AssessFeeAsync"/>.</summary>
    public static readonly IReadOnlyList<PauseReasons> OfficerPauseReasons = [PauseReasons.IdentityProof, PauseReasons.Other];

    /// <summary>
    /// Pauses every running clock of the case whose rule honours <paramref name="kind"/>; a clock that does not keeps
    /// running (waiting on an officer's own inquiry never stops the 30-day outer limit). Refused when none would stop.
    /// </summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> PauseAsync(long id, int version, string? reason, PauseReasons kind = PauseReasons.Other, CancellationToken cancellationToken = default)
    {
        var errors = Reason(reason);
        if (!OfficerPauseReasons.Contains(kind))
        {
            errors["Kind"] = "Validation.Rejected";
        }
        if (!errors.IsValid)
        {
            return (errors, CaseChange.NotAllowed);
        }
        List<string> paused = [], running = [];
        var result = await ChangeClockAsync(id, version, errors, async (caseClocks, _) =>
        {
            var stopping = caseClocks.All.Where(c => c.State == ClockState.Running && c.Honours(kind)).ToList();
            if (stopping.Count == 0)
            {
                errors["Clock"] = "Requests.Clock.NoneHonours";
                return ClockChange.NotAllowed;
            }
            foreach (var clock in stopping)
            {
                var change = await clocks.PauseAsync(clock.Id, clock.Version, reason, kind: kind);
                if (change != ClockChange.Done)
                {
                    return change;
                }
                paused.Add(clock.PresetKey);
            }
            running.AddRange(caseClocks.All.Where(c => !c.IsClosed && !stopping.Contains(c)).Select(c => c.PresetKey));
            return ClockChange.Done;
        }, RequestActions.ClockPaused, () => new { kind = kind.ToString(), reason = reason!.Trim(), paused, running }, cancellationToken);
        return result;
    }

    /// <summary>Resumes every paused clock of the case; each moves by the time it was paused.</summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> ResumeAsync(long id, int version, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        return await ChangeClockAsync(id, version, errors, async (caseClocks, request) =>
        {
            if (request.FeeStatus == FeeStatus.Assessed)
            {
                // The clocks wait for the fee; settling it resumes them.
                errors["Clock"] = "Requests.Fee.Unpaid";
                return ClockChange.NotAllowed;
            }
            return await ResumeAllAsync(caseClocks, null);
        }, RequestActions.ClockResumed, null, cancellationToken);
    }

    private async Task<ClockChange> ResumeAllAsync(CaseClocks caseClocks, string? reason, CancellationToken cancellationToken = default)
    {
        var paused = caseClocks.All.Where(c => c.State == ClockState.Paused).ToList();
        if (paused.Count == 0)
        {
            return ClockChange.NotAllowed;
        }
        foreach (var clock in paused)
        {
            var change = await clocks.ResumeAsync(clock.Id, clock.Version, reason, cancellationToken);
            if (change != ClockChange.Done)
            {
                return change;
            }
        }
        return ClockChange.Done;
    }

    /// <summary>Extends the answer deadline where the rule allows it and tells the person why and until when.</summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> ExtendAsync(long id, int version, int amount, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = Reason(reason);
        if (!errors.IsValid)
        {
            return (errors, CaseChange.NotAllowed);
        }
        var result = await ChangeClockAsync(id, version, errors, async (caseClocks, _) =>
        {
            // Only the target may be extended where its rule allows it; the outer limit allows none.
            var clock = caseClocks.Target;
            var change = await clocks.ExtendAsync(clock.Id, clock.Version, amount, reason);
            if (change == ClockChange.TooLong)
            {
                errors["Amount"] = "Requests.Clock.TooLong";
            }
            else if (change == ClockChange.NotAllowed)
            {
                errors["Amount"] = "Requests.Clock.CannotExtend";
            }
            return change;
        }, RequestActions.ClockExtended, () => new { amount, reason = reason!.Trim() }, cancellationToken, async (db, request, clock) =>
            await SendAsync(db, request, NotificationPurposes.RequestExtension, new Dictionary<string, string>
            {
                ["due_date"] = portalTime.ToLocal(clock.DueUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["reason"] = reason!.Trim(),
            }, "extension", cancellationToken));
        return result;
    }

    /// <summary>
    /// Assesses a cost-based fee on a repeated request (statement 6.7): allowed only above the yearly threshold and
    /// before fulfilment; the person is told the amount and why, and the clock stops until it is paid or waived.
    /// </summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> AssessFeeAsync(long id, int version, decimal? amount, string? basis, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        basis = basis?.Trim() ?? "";
        if (amount is not { } fee || fee <= 0)
        {
            errors["Amount"] = "Requests.Fee.AmountRequired";
        }
        else if (fee > options.Value.MaxFee)
        {
            errors["Amount"] = "Requests.Fee.TooHigh";
        }
        else if (decimal.Round(fee, 2) != fee)
        {
            errors["Amount"] = "Requests.Fee.Cents";
        }
        if (basis.Length < MinFeeBasis)
        {
            errors["Basis"] = "Requests.Fee.BasisRequired";
        }
        else if (basis.Length > 1000)
        {
            errors["Basis"] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return (errors, CaseChange.NotAllowed);
        }
        var (request, caseClocks, refused) = await LoadAsync(id, version, errors, cancellationToken);
        if (refused is not null)
        {
            return (errors, refused.Value);
        }
        if (request!.Status is not (RequestStatus.AwaitingVerification or RequestStatus.InReview) || request.FeeStatus is not null)
        {
            errors["Amount"] = "Requests.Fee.NotNow";
            return (errors, CaseChange.NotAllowed);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!FeeAllowed(await RequestsInLastYearAsync(db, request.SubjectId, time.GetUtcNow().UtcDateTime, cancellationToken)))
        {
            errors["Amount"] = "Requests.Fee.NotRepeated";
            return (errors, CaseChange.NotAllowed);
        }
        foreach (var clock in caseClocks!.All.Where(c => c.State == ClockState.Running && c.Honours(PauseReasons.Fee)))
        {
            var paused = await clocks.PauseAsync(clock.Id, clock.Version, Text("Requests.Fee.PauseReason"), cancellationToken, PauseReasons.Fee);
            if (paused == ClockChange.Conflict)
            {
                return (errors, CaseChange.Conflict);
            }
        }
        var tracked = await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == id, cancellationToken);
        tracked.FeeStatus = FeeStatus.Assessed;
        tracked.FeeAmount = amount;
        tracked.FeeBasis = basis;
        tracked.FeeAssessedById = await actor.GetActorIdAsync();
        tracked.FeeAssessedAtUtc = time.GetUtcNow().UtcDateTime;
        await SendAsync(db, tracked, NotificationPurposes.RequestFee, new Dictionary<string, string>
        {
            ["amount"] = amount!.Value.ToString("0.00", CultureInfo.InvariantCulture),
            ["basis"] = basis,
        }, "fee", cancellationToken);
        var result = await SaveAsync(db, tracked, version, errors, cancellationToken);
        if (result.Change == CaseChange.Done)
        {
            await audit.RecordAsync(RequestActions.FeeAssessed, targetType: "request", targetId: RequestService.Id(id), subjectId: SubjectDirectory.Id(request.SubjectId),
                detail: new { amount, basis }, cancellationToken: cancellationToken);
        }
        return result;
    }

    /// <summary>The fee was paid (the note gives the receipt) or waived (the note gives the reason): the clocks run again.</summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> SettleFeeAsync(long id, int version, bool paid, string? note, CancellationToken cancellationToken = default)
    {
        var errors = Reason(note);
        if (!errors.IsValid)
        {
            return (errors, CaseChange.NotAllowed);
        }
        var (request, caseClocks, refused) = await LoadAsync(id, version, errors, cancellationToken);
        if (refused is not null)
        {
            return (errors, refused.Value);
        }
        if (request!.FeeStatus != FeeStatus.Assessed)
        {
            errors["Reason"] = "Requests.Fee.NothingDue";
            return (errors, CaseChange.NotAllowed);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tracked = await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == id, cancellationToken);
        tracked.FeeStatus = paid ? FeeStatus.Paid : FeeStatus.Waived;
        tracked.FeeSettledById = await actor.GetActorIdAsync();
        tracked.FeeSettledAtUtc = time.GetUtcNow().UtcDateTime;
        tracked.FeeSettlementNote = note!.Trim();
        var result = await SaveAsync(db, tracked, version, errors, cancellationToken);
        if (result.Change != CaseChange.Done)
        {
            return result;
        }
        if (await ResumeAllAsync(caseClocks!, Text(paid ? "Requests.Fee.Paid" : "Requests.Fee.Waived"), cancellationToken) == ClockChange.Done)
        {
            await TouchAsync(id, cancellationToken);
        }
        await audit.RecordAsync(paid ? RequestActions.FeePaid : RequestActions.FeeWaived, targetType: "request", targetId: RequestService.Id(id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { note = note.Trim() }, cancellationToken: cancellationToken);
        return result;
    }

    private static FieldErrors Reason(string? reason)
    {
        var errors = new FieldErrors();
        var length = reason?.Trim().Length ?? 0;
        if (length < MinReason)
        {
            errors["Reason"] = "Requests.Clock.ReasonRequired";
        }
        else if (length > 500)
        {
            errors["Reason"] = "Validation.TooLong";
        }
        return errors;
    }

    private async Task<(DataSubjectRequest? Request, CaseClocks? Clocks, CaseChange? Refused)> LoadAsync(long id, int version, FieldErrors errors, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return (null, null, CaseChange.NotFound);
        }
        if (request.Version != version)
        {
            return (request, null, CaseChange.Conflict);
        }
        var ids = new[] { request.ClockId, request.HardStopClockId }.OfType<Guid>().ToList();
        var found = await db.Set<Clock>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var target = found.SingleOrDefault(c => c.Id == request.ClockId);
        if (target is null || request.Status == RequestStatus.Closed)
        {
            errors["Clock"] = "Requests.Clock.Closed";
            return (request, null, CaseChange.NotAllowed);
        }
        return (request, new CaseClocks(target, found.SingleOrDefault(c => c.Id == request.HardStopClockId)), null);
    }

    /// <summary>Changes the clocks, then the case: its due dates follow the clocks and its version moves, so a second officer is told.</summary>
    private async Task<(FieldErrors Errors, CaseChange Change)> ChangeClockAsync(long id, int version, FieldErrors errors, Func<CaseClocks, DataSubjectRequest, Task<ClockChange>> change,
        string action, Func<object>? detail, CancellationToken cancellationToken, Func<PortalDbContext, DataSubjectRequest, Clock, Task>? after = null)
    {
        var (request, caseClocks, refused) = await LoadAsync(id, version, errors, cancellationToken);
        if (refused is not null)
        {
            return (errors, refused.Value);
        }
        var outcome = await change(caseClocks!, request!);
        if (outcome != ClockChange.Done)
        {
            if (errors.IsValid)
            {
                errors["Clock"] = outcome == ClockChange.Conflict ? ChangeText.Conflict : "Requests.Clock.NotNow";
            }
            return (errors, outcome == ClockChange.Conflict ? CaseChange.Conflict : CaseChange.NotAllowed);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tracked = await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == id, cancellationToken);
        // The due date itself came with the clock's change (RequestDueCopy); the case's version moves here.
        var changed = await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == caseClocks!.Target.Id, cancellationToken);
        if (after is not null)
        {
            await after(db, tracked, changed);
        }
        var result = await SaveAsync(db, tracked, version, errors, cancellationToken);
        if (result.Change == CaseChange.Done)
        {
            await audit.RecordAsync(action, targetType: "request", targetId: RequestService.Id(id), subjectId: SubjectDirectory.Id(request!.SubjectId), detail: detail?.Invoke(), cancellationToken: cancellationToken);
        }
        return result;
    }

    /// <summary>The clock moved the case's due date (RequestDueCopy): its version moves too, so an open page is told.</summary>
    private async Task TouchAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<DataSubjectRequest>().Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
    }

    private static async Task<(FieldErrors Errors, CaseChange Change)> SaveAsync(PortalDbContext db, DataSubjectRequest request, int version, FieldErrors errors, CancellationToken cancellationToken) =>
        (errors, db.TryClaim(request, version) && await db.SaveUnlessChangedAsync(cancellationToken) ? CaseChange.Done : CaseChange.Conflict);

    /// <summary>To the person's contact on file (verified first, e-mail before phone), in the same unit of work as the change.</summary>
    private async Task SendAsync(PortalDbContext db, DataSubjectRequest request, string purpose, Dictionary<string, string> values, string correlation, CancellationToken cancellationToken)
    {
        var to = await RequestContacts.PreferredAsync(db, request.SubjectId, cancellationToken);
        if (to is null)
        {
            return;
        }
        values["case_number"] = request.CaseNumber;
        values["hotline"] = options.Value.Hotline;
        await outbox.AddAsync(db, new NotificationRequest(to.Kind == IdentifierKind.Email ? NotificationChannel.Email : NotificationChannel.Sms,
            purpose, NotificationLanguages.Chinese, identifiers.Unprotect(to.ValueProtected), values,
            CorrelationId: $"request:{request.Id}:{correlation}:{request.Version + 1}"), cancellationToken);
    }

    private string Text(string key) => localizer.In("zh-CN", key);
}

/// <summary>
/// A request's due dates follow its clocks in the clock's own transaction, whoever changes the clock: the target's due
/// instant and "uncertain" flag, and the outer limit's due instant.
/// </summary>
public sealed class RequestDueCopy : IClockCopy
{
    public async Task UpdateAsync(PortalDbContext db, Clock clock, CancellationToken cancellationToken)
    {
        await db.Set<DataSubjectRequest>().Where(r => r.ClockId == clock.Id && (r.DueAtUtc != clock.DueUtc || r.DeadlineUncertain != clock.Uncertain))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DueAtUtc, clock.DueUtc).SetProperty(r => r.DeadlineUncertain, clock.Uncertain), cancellationToken);
        await db.Set<DataSubjectRequest>().Where(r => r.HardStopClockId == clock.Id && r.OuterDueAtUtc != clock.DueUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OuterDueAtUtc, clock.DueUtc), cancellationToken);
    }
}
