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

/// <summary>
/// A case's answer clock from the case page: pause and resume with a reason, extend with the statutory notice to
/// the person (GDPR art. 12(3)), and the fee for repeated requests (statement 6.7), which stops the clock until it
/// is paid or waived. The case's due date always mirrors its clock.
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

    public async Task<(FieldErrors Errors, CaseChange Change)> PauseAsync(long id, int version, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = Reason(reason);
        return errors.IsValid
            ? await ChangeClockAsync(id, version, errors, (clock, _) => clocks.PauseAsync(clock.Id, clock.Version, reason), RequestActions.ClockPaused, new { reason = reason!.Trim() }, cancellationToken)
            : (errors, CaseChange.NotAllowed);
    }

    public async Task<(FieldErrors Errors, CaseChange Change)> ResumeAsync(long id, int version, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        return await ChangeClockAsync(id, version, errors, (clock, request) =>
        {
            if (request.FeeStatus == FeeStatus.Assessed)
            {
                // The clock waits for the fee; settling it resumes the clock.
                errors["Clock"] = "Requests.Fee.Unpaid";
                return Task.FromResult(ClockChange.NotAllowed);
            }
            return clocks.ResumeAsync(clock.Id, clock.Version, null);
        }, RequestActions.ClockResumed, null, cancellationToken);
    }

    /// <summary>Extends the answer deadline where the rule allows it and tells the person why and until when.</summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> ExtendAsync(long id, int version, int amount, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = Reason(reason);
        if (!errors.IsValid)
        {
            return (errors, CaseChange.NotAllowed);
        }
        var result = await ChangeClockAsync(id, version, errors, async (clock, _) =>
        {
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
        }, RequestActions.ClockExtended, new { amount, reason = reason!.Trim() }, cancellationToken, async (db, request, clock) =>
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
        var (request, clock, refused) = await LoadAsync(id, version, errors, cancellationToken);
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
        if (clock!.State == ClockState.Running || clock.State == ClockState.Breached)
        {
            var paused = await clocks.PauseAsync(clock.Id, clock.Version, Text("Requests.Fee.PauseReason"), cancellationToken);
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

    /// <summary>The fee was paid (the note gives the receipt) or waived (the note gives the reason): the clock runs again.</summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> SettleFeeAsync(long id, int version, bool paid, string? note, CancellationToken cancellationToken = default)
    {
        var errors = Reason(note);
        if (!errors.IsValid)
        {
            return (errors, CaseChange.NotAllowed);
        }
        var (request, clock, refused) = await LoadAsync(id, version, errors, cancellationToken);
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
        if (clock!.State == ClockState.Paused)
        {
            await clocks.ResumeAsync(clock.Id, clock.Version, Text(paid ? "Requests.Fee.Paid" : "Requests.Fee.Waived"), cancellationToken);
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

    private async Task<(DataSubjectRequest? Request, Clock? Clock, CaseChange? Refused)> LoadAsync(long id, int version, FieldErrors errors, CancellationToken cancellationToken)
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
        var clock = request.ClockId is { } clockId ? await db.Set<Clock>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == clockId, cancellationToken) : null;
        if (clock is null || request.Status == RequestStatus.Closed)
        {
            errors["Clock"] = "Requests.Clock.Closed";
            return (request, clock, CaseChange.NotAllowed);
        }
        return (request, clock, null);
    }

    /// <summary>Changes the clock, then the case: its due date follows the clock and its version moves, so a second officer is told.</summary>
    private async Task<(FieldErrors Errors, CaseChange Change)> ChangeClockAsync(long id, int version, FieldErrors errors, Func<Clock, DataSubjectRequest, Task<ClockChange>> change,
        string action, object? detail, CancellationToken cancellationToken, Func<PortalDbContext, DataSubjectRequest, Clock, Task>? after = null)
    {
        var (request, clock, refused) = await LoadAsync(id, version, errors, cancellationToken);
        if (refused is not null)
        {
            return (errors, refused.Value);
        }
        var outcome = await change(clock!, request!);
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
        var changed = await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == clock!.Id, cancellationToken);
        if (after is not null)
        {
            await after(db, tracked, changed);
        }
        var result = await SaveAsync(db, tracked, version, errors, cancellationToken);
        if (result.Change == CaseChange.Done)
        {
            await audit.RecordAsync(action, targetType: "request", targetId: RequestService.Id(id), subjectId: SubjectDirectory.Id(request!.SubjectId), detail: detail, cancellationToken: cancellationToken);
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

/// <summary>A request's due date and its "uncertain" flag follow its answer clock in the clock's own transaction, whoever changes the clock.</summary>
public sealed class RequestDueCopy : IClockCopy
{
    public Task UpdateAsync(PortalDbContext db, Clock clock, CancellationToken cancellationToken) =>
        db.Set<DataSubjectRequest>().Where(r => r.ClockId == clock.Id && (r.DueAtUtc != clock.DueUtc || r.DeadlineUncertain != clock.Uncertain))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DueAtUtc, clock.DueUtc).SetProperty(r => r.DeadlineUncertain, clock.Uncertain), cancellationToken);
}
