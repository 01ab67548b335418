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
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

public sealed class IntakeInput
{
    public long? SubjectId { get; set; }

    public List<RequestType> Types { get; set; } = [];

    public RequestChannel Channel { get; set; } = RequestChannel.Hotline400;

    public string Jurisdiction { get; set; } = "CN";

    public string Summary { get; set; } = "";

    public bool OnBehalf { get; set; }

    public string? AuthorityNote { get; set; }

    /// <summary>The phone or e-mail on file that gets the acknowledgement; null sends none (e.g. a letter answered by post).</summary>
    public long? AcknowledgeToIdentifierId { get; set; }

    /// <summary>The agent saw the open requests of the same type and still wants new cases.</summary>
    public bool CreateDespiteDuplicates { get; set; }
}

public sealed record OpenDuplicate(long Id, string CaseNumber, RequestType Type, RequestStatus Status, DateTime CreatedAtUtc);

public sealed record CreatedRequest(long Id, string CaseNumber, RequestType Type, DateTime DueAtUtc, bool DeadlineUncertain, DateTime? OuterDueAtUtc = null);

public sealed record IntakeResult(FieldErrors Errors, IReadOnlyList<OpenDuplicate> Duplicates, IReadOnlyList<CreatedRequest> Created);

/// <summary>
/// Takes data-subject requests: one case per type, each with its clocks started and an acknowledgement queued in
/// the same transaction (so a case never exists without its clock, nor an acknowledgement without its case).
/// </summary>
public sealed class RequestService(
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
    public const int MaxSummary = 1000;

    public static string ClockPresetFor(RequestType type, string jurisdiction) =>
        jurisdiction == "GDPR" ? ClockPresets.GdprRequest
        : type == RequestType.AccountCancellation ? ClockPresets.Cancellation
        : ClockPresets.RequestTarget;

    /// <summary>Every request under China's rules also runs the 30-day outer limit beside its target; the GDPR has one clock.</summary>
    public static string? OuterLimitPresetFor(string jurisdiction) => jurisdiction == "CN" ? ClockPresets.RequestHardStop : null;

    public async Task<IntakeResult> TakeAsync(IntakeInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var types = input.Types.Distinct().ToList();
        if (input.SubjectId is null)
        {
            errors[nameof(input.SubjectId)] = "Requests.Intake.SubjectRequired";
        }
        if (types.Count == 0)
        {
            errors[nameof(input.Types)] = "Requests.Intake.TypeRequired";
        }
        var summary = FreeText.Clean(input.Summary);
        if (summary.Length == 0)
        {
            errors[nameof(input.Summary)] = "Validation.Required";
        }
        else if (summary.Length > MaxSummary)
        {
            errors[nameof(input.Summary)] = "Requests.Intake.SummaryTooLong";
        }
        if (input.OnBehalf && string.IsNullOrWhiteSpace(input.AuthorityNote))
        {
            errors[nameof(input.AuthorityNote)] = "Requests.Intake.AuthorityRequired";
        }
        if (input.Jurisdiction is not ("CN" or "GDPR"))
        {
            errors[nameof(input.Jurisdiction)] = "Validation.Rejected";
        }
        if (!errors.IsValid)
        {
            return new IntakeResult(errors, [], []);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subjectId = input.SubjectId!.Value;
        if (!await db.Set<DataSubject>().AnyAsync(s => s.Id == subjectId, cancellationToken))
        {
            errors[nameof(input.SubjectId)] = "Requests.Intake.SubjectRequired";
            return new IntakeResult(errors, [], []);
        }
        SubjectIdentifier? acknowledgeTo = null;
        if (input.AcknowledgeToIdentifierId is { } identifierId)
        {
            acknowledgeTo = await db.Set<SubjectIdentifier>().AsNoTracking()
                .SingleOrDefaultAsync(i => i.Id == identifierId && i.SubjectId == subjectId && i.Kind != IdentifierKind.AccountId, cancellationToken);
            if (acknowledgeTo is null)
            {
                errors[nameof(input.AcknowledgeToIdentifierId)] = "Validation.Rejected";
                return new IntakeResult(errors, [], []);
            }
        }
        var duplicates = await db.Set<DataSubjectRequest>().AsNoTracking()
            .Where(r => r.SubjectId == subjectId && types.Contains(r.Type) && r.Status != RequestStatus.Closed)
            .OrderBy(r => r.Id)
            .Select(r => new OpenDuplicate(r.Id, r.CaseNumber, r.Type, r.Status, r.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        if (duplicates.Count > 0 && !input.CreateDespiteDuplicates)
        {
            return new IntakeResult(errors, duplicates, []);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actorId = await actor.GetActorIdAsync();
        var intakeId = Guid.NewGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var requests = types.Select(type => new DataSubjectRequest
        {
            SubjectId = subjectId,
            Type = type,
            Channel = input.Channel,
            Jurisdiction = input.Jurisdiction,
            Status = RequestStatus.AwaitingVerification,
            Summary = summary,
            IntakeId = intakeId,
            OnBehalf = input.OnBehalf,
            AuthorityNote = input.OnBehalf ? input.AuthorityNote!.Trim() : null,
            CreatedById = actorId,
            CreatedAtUtc = now,
            // A placeholder until the id is known; unique, so two intakes never collide on it.
            CaseNumber = $"~{Guid.NewGuid():N}"[..20],
            Version = 1,
        }).ToList();
        db.AddRange(requests);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var request in requests)
        {
            request.CaseNumber = DataSubjectRequest.FormatCaseNumber(request.Id, now);
            var clock = await clocks.AddAsync(db, RequestClockOwners.Request, request.CaseNumber, ClockPresetFor(request.Type, request.Jurisdiction), now, actorId, cancellationToken);
            request.ClockId = clock.Id;
            request.DueAtUtc = clock.DueUtc;
            request.DeadlineUncertain = clock.Uncertain;
            if (OuterLimitPresetFor(request.Jurisdiction) is { } outerPreset)
            {
                var outer = await clocks.AddAsync(db, RequestClockOwners.Request, request.CaseNumber, outerPreset, now, actorId, cancellationToken);
                request.HardStopClockId = outer.Id;
                request.OuterDueAtUtc = outer.DueUtc;
            }
            if (acknowledgeTo is not null)
            {
                await outbox.AddAsync(db, Acknowledgement(request, acknowledgeTo), cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var request in requests)
        {
            await audit.RecordAsync(RequestActions.Created, targetType: "request", targetId: Id(request.Id), subjectId: SubjectDirectory.Id(subjectId),
                detail: new { request.CaseNumber, type = request.Type.ToString(), channel = request.Channel.ToString(), request.OnBehalf, acknowledged = acknowledgeTo is not null, duplicates = duplicates.Select(d => d.CaseNumber).ToArray() },
                cancellationToken: cancellationToken);
        }
        return new IntakeResult(errors, duplicates, requests.Select(r => new CreatedRequest(r.Id, r.CaseNumber, r.Type, r.DueAtUtc, r.DeadlineUncertain, r.OuterDueAtUtc)).ToList());
    }

    private NotificationRequest Acknowledgement(DataSubjectRequest request, SubjectIdentifier to)
    {
        var language = NotificationLanguages.Chinese;
        return new NotificationRequest(
            to.Kind == IdentifierKind.Email ? NotificationChannel.Email : NotificationChannel.Sms,
            NotificationPurposes.RequestAcknowledgement,
            language,
            identifiers.Unprotect(to.ValueProtected),
            new Dictionary<string, string>
            {
                ["case_number"] = request.CaseNumber,
                ["request_type"] = TypeName(request.Type, language),
                ["due_date"] = portalTime.ToLocal(request.DueAtUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["hotline"] = options.Value.Hotline,
            },
            CorrelationId: $"request:{request.Id}:ack");
    }

    /// <summary>The request type as a message to the person names it ("删除", "deletion").</summary>
    public string TypeName(RequestType type, string language) => localizer.In(language, $"Requests.TypeInMessage.{type}");

    public async Task<FieldErrors> AddCommentAsync(long requestId, string? text, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        text = FreeText.Clean(text);
        if (text.Length == 0)
        {
            errors["Text"] = "Validation.Required";
        }
        else if (text.Length > 2000)
        {
            errors["Text"] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return errors;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subjectId = await db.Set<DataSubjectRequest>().Where(r => r.Id == requestId).Select(r => (long?)r.SubjectId).SingleOrDefaultAsync(cancellationToken);
        if (subjectId is null)
        {
            errors["Text"] = "Common.NotFound";
            return errors;
        }
        db.Add(new RequestComment { RequestId = requestId, AuthorId = await actor.GetActorIdAsync(), Text = text, AtUtc = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(RequestActions.Commented, targetType: "request", targetId: Id(requestId), subjectId: SubjectDirectory.Id(subjectId.Value), cancellationToken: cancellationToken);
        return errors;
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

public static class RequestActions
{
    public const string Created = "request.created";
    public const string Commented = "request.commented";
    public const string Verified = "request.verified";
    public const string VerificationFailed = "request.verification-failed";
    public const string CodeSent = "request.code-sent";
    public const string Assigned = "request.assigned";
    public const string Decided = "request.decided";
    public const string Fulfilled = "request.fulfilled";
    public const string Closed = "request.closed";
    public const string MarkedDuplicate = "request.duplicate";
    public const string RecipientNotified = "request.recipient-notified";
    public const string RecipientConfirmed = "request.recipient-confirmed";
    public const string PackageDelivered = "request.package-delivered";
    public const string PackageCollected = "request.package-collected";
    public const string ClockPaused = "request.clock-paused";
    public const string ClockResumed = "request.clock-resumed";
    public const string ClockExtended = "request.clock-extended";
    public const string FeeAssessed = "request.fee-assessed";
    public const string FeePaid = "request.fee-paid";
    public const string FeeWaived = "request.fee-waived";
}
