using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Cases.Backups;

namespace PrivacyPortal.Modules.Cases.Requests;

public sealed record TimelineEntry(DateTime AtUtc, string Action, AuditOutcome Outcome, string ActorName, string? Detail);

public sealed record NoticeView(long Id, int RecipientId, string RecipientName, DateTime SentAtUtc, DateTime? DueUtc, DateTime? ConfirmedAtUtc, string? Note, int Version);

public sealed record FollowUpView(long Id, int SystemId, string SystemName, DateTime ExpectedByUtc, DateTime? ClosedAtUtc);

public sealed record CommentView(string AuthorName, string Text, DateTime AtUtc);

public sealed record DeliveryView(DateTime ExpiresAtUtc, int Attempts, DateTime? DownloadedAtUtc);

public sealed record RequestCase(
    DataSubjectRequest Request,
    string SubjectReference,
    IReadOnlyList<IdentifierView> Identifiers,
    Clock? Clock,
    Clock? OuterClock,
    int RequestsInLast12Months,
    string? AssigneeName,
    IReadOnlyList<CommentView> Comments,
    IReadOnlyList<NoticeView> Notices,
    IReadOnlyList<FollowUpView> FollowUps,
    IReadOnlyList<DeliveryView> Deliveries,
    IReadOnlyList<TimelineEntry> Timeline);

public enum CaseChange
{
    Done,
    NotFound,
    /// <summary>Someone else changed the case in the meantime: nothing was overwritten.</summary>
    Conflict,
    NotAllowed,
}

/// <summary>
/// A case after intake: the officer's decision, fulfilment through the connectors, recipients' deletion notices,
/// the erasure ledger and backup follow-ups, and the closing answer to the person.
/// </summary>
public sealed class RequestCaseService(
    IDbContextFactory<PortalDbContext> contexts,
    SubjectOperationService operations,
    DiscoveryService discovery,
    RecipientService recipients,
    ConsentService consents,
    ClockService clocks,
    NotificationOutbox outbox,
    IdentifierProtector identifiers,
    RequestService requests,
    AccessDeliveryService deliveries,
    CorrectionService corrections,
    IStringLocalizer<SharedResource> localizer,
    IOptions<RequestsOptions> options,
    PortalTime portalTime,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time, AccessGuard access)
{
    public const int MinExplanation = 10;

    public async Task<RequestCase?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var identifierViews = await db.Set<SubjectIdentifier>().AsNoTracking().Where(i => i.SubjectId == request.SubjectId).OrderBy(i => i.Kind).ThenBy(i => i.Id)
            .Select(i => new IdentifierView(i.Id, i.Kind, i.Masked, i.IsVerified, i.AddedAtUtc)).ToListAsync(cancellationToken);
        var clock = request.ClockId is { } clockId
            ? await db.Set<Clock>().AsNoTracking().Include(c => c.Entries).SingleOrDefaultAsync(c => c.Id == clockId, cancellationToken)
            : null;
        var outerClock = request.HardStopClockId is { } outerId
            ? await db.Set<Clock>().AsNoTracking().Include(c => c.Entries).SingleOrDefaultAsync(c => c.Id == outerId, cancellationToken)
            : null;
        var recent = await CaseClockService.RequestsInLastYearAsync(db, request.SubjectId, time.GetUtcNow().UtcDateTime, cancellationToken);
        var comments = await db.Set<RequestComment>().AsNoTracking().Where(c => c.RequestId == id).OrderBy(c => c.AtUtc).ToListAsync(cancellationToken);
        var notices = await (from n in db.Set<RecipientDeletionNotice>().AsNoTracking()
                             join r in db.Set<Recipient>().AsNoTracking() on n.RecipientId equals r.Id
                             join c in db.Set<Clock>().AsNoTracking() on n.ClockId equals c.Id into cs
                             from c in cs.DefaultIfEmpty()
                             where n.RequestId == id
                             orderby r.Name
                             select new NoticeView(n.Id, n.RecipientId, r.Name, n.SentAtUtc, c == null ? null : c.DueUtc, n.ConfirmedAtUtc, n.ConfirmationNote, n.Version)).ToListAsync(cancellationToken);
        var followUps = await (from f in db.Set<BackupDeletionFollowUp>().AsNoTracking()
                               join l in db.Set<ErasureLedgerEntry>().AsNoTracking() on f.LedgerEntryId equals l.Id
                               join s in db.Set<DataSystem>().AsNoTracking() on f.SystemId equals s.Id
                               where l.RequestId == id
                               orderby s.Name
                               select new FollowUpView(f.Id, f.SystemId, s.Name, f.ExpectedByUtc, f.ClosedAtUtc)).ToListAsync(cancellationToken);
        var deliveryViews = await db.Set<AccessDelivery>().AsNoTracking().Where(d => d.RequestId == id).OrderBy(d => d.Id)
            .Select(d => new DeliveryView(d.ExpiresAtUtc, d.Attempts, d.DownloadedAtUtc)).ToListAsync(cancellationToken);
        var key = RequestService.Id(id);
        var operationKey = request.OperationId?.ToString(CultureInfo.InvariantCulture);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => (e.TargetType == "request" && e.TargetId == key) || (operationKey != null && e.TargetType == "subject-operation" && e.TargetId == operationKey))
            .OrderBy(e => e.Sequence).Take(500).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, events.Select(e => e.ActorId).Concat(comments.Select(c => c.AuthorId)).Append(request.AssigneeId), cancellationToken);
        return new RequestCase(request, DataSubject.FormatReference(request.SubjectId), identifierViews, clock, outerClock, recent,
            request.AssigneeId is null ? null : names.GetValueOrDefault(request.AssigneeId),
            comments.Select(c => new CommentView(names.GetValueOrDefault(c.AuthorId, c.AuthorId), c.Text, c.AtUtc)).ToList(),
            notices, followUps, deliveryViews,
            events.Select(e => new TimelineEntry(e.OccurredAtUtc, e.Action, e.Outcome, names.GetValueOrDefault(e.ActorId, e.ActorId), e.Detail)).ToList());
    }

    private static async Task<Dictionary<string, string>> NamesAsync(PortalDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>
    /// Approve, partially approve, or refuse. A refusal or partial approval must give at least one reason from the
    /// catalogue and an explanation (PIPL art. 50); a refusal closes the case and answers the person.
    /// </summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> DecideAsync(long id, int version, DecisionKind decision, IReadOnlyCollection<string> reasonKeys, string? explanation, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "requests.decide");
        var errors = new FieldErrors();
        explanation = explanation?.Trim() ?? "";
        var reasons = reasonKeys.Distinct().ToList();
        if (decision != DecisionKind.Approve)
        {
            if (reasons.Count == 0)
            {
                errors["Reasons"] = "Requests.Decision.ReasonRequired";
            }
            if (explanation.Length < MinExplanation)
            {
                errors["Explanation"] = "Requests.Decision.ExplanationRequired";
            }
        }
        if (reasons.Any(r => !RefusalReasons.All.Contains(r)))
        {
            errors["Reasons"] = "Validation.Rejected";
        }
        if (explanation.Length > 2000)
        {
            errors["Explanation"] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return (errors, CaseChange.NotAllowed);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return (errors, CaseChange.NotFound);
        }
        if (!db.TryClaim(request, version))
        {
            return (errors, CaseChange.Conflict);
        }
        if (request.Status != RequestStatus.InReview)
        {
            errors["Decision"] = "Requests.Decision.NotInReview";
            return (errors, CaseChange.NotAllowed);
        }
        if (request.FeeStatus == FeeStatus.Assessed && decision != DecisionKind.Refuse)
        {
            // Statement 6.7: a repeated request with a fee is carried out once the fee is paid or waived.
            errors["Decision"] = "Requests.Fee.Unpaid";
            return (errors, CaseChange.NotAllowed);
        }
        var now = time.GetUtcNow().UtcDateTime;
        request.Decision = decision;
        request.RefusalReasonKeys = reasons.Count == 0 ? null : string.Join(',', reasons);
        request.DecisionExplanation = explanation.Length == 0 ? null : explanation;
        request.DecidedById = await actor.GetActorIdAsync();
        request.DecidedAtUtc = now;
        request.Status = decision == DecisionKind.Refuse ? RequestStatus.Closed : RequestStatus.Fulfilling;
        if (decision == DecisionKind.Refuse)
        {
            await CloseInAsync(db, request, RequestOutcome.Refused, Text("Requests.Closing.NothingDone"), RefusalText(request), now, cancellationToken);
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, CaseChange.Conflict);
        }
        await audit.RecordAsync(RequestActions.Decided, targetType: "request", targetId: RequestService.Id(id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { decision = decision.ToString(), reasons, explanation }, cancellationToken: cancellationToken);
        if (decision == DecisionKind.Refuse)
        {
            await AfterCloseAsync(request, cancellationToken);
        }
        return (errors, CaseChange.Done);
    }

    /// <summary>Refuses several cases in review with one reason (the queue's bulk action). Returns how many were refused.</summary>
    public async Task<int> RefuseManyAsync(IReadOnlyList<long> ids, string reasonKey, string explanation, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "requests.refuse-many");
        var refused = 0;
        foreach (var id in ids)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var version = await db.Set<DataSubjectRequest>().Where(r => r.Id == id).Select(r => (int?)r.Version).SingleOrDefaultAsync(cancellationToken);
            if (version is not null && (await DecideAsync(id, version.Value, DecisionKind.Refuse, [reasonKey], explanation, cancellationToken)).Change == CaseChange.Done)
            {
                refused++;
            }
        }
        return refused;
    }

    /// <summary>
    /// Carries out an approved case through the connectors. Safe to call again: an interrupted or partly failed
    /// erasure resumes without redoing the systems already done, and notices, ledger and follow-ups are made once.
    /// </summary>
    /// <param name="purposeIds">For consent withdrawal: the purposes withdrawn.</param>
    /// <param name="correction">For correction: what is to be corrected, as the owners' tasks will say.</param>
    /// <param name="fieldCorrections">For correction: values the database connectors set in place.</param>
    public async Task<(FieldErrors Errors, OperationStatus? Status)> FulfilAsync(long id, IReadOnlyCollection<int>? purposeIds = null, string? correction = null,
        IReadOnlyList<FieldCorrection>? fieldCorrections = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "requests.fulfil");
        var errors = new FieldErrors();
        DataSubjectRequest request;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new InvalidOperationException($"Request {id} does not exist.");
        }
        if (request.Status != RequestStatus.Fulfilling)
        {
            errors["Fulfil"] = "Requests.Fulfil.NotApproved";
            return (errors, null);
        }
        if (request.Type is RequestType.Deletion or RequestType.AccountCancellation)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if ((await Retention.LegalHoldService.HoldIdsForSubjectAsync(db, request.SubjectId, cancellationToken)).Count > 0)
            {
                // A legal hold keeps the person's records: the erasure waits until it is released.
                errors["Fulfil"] = "Retention.Hold.BlocksErasure";
                return (errors, null);
            }
        }
        switch (request.Type)
        {
            case RequestType.Deletion or RequestType.AccountCancellation:
                return (errors, await EraseAsync(request, cancellationToken));
            case RequestType.Access:
                return (errors, await ExportAsync(request, cancellationToken));
            case RequestType.ConsentWithdrawal:
                return await WithdrawConsentAsync(request, purposeIds ?? [], cancellationToken);
            default:
                return await CorrectAsync(request, correction, fieldCorrections ?? [], cancellationToken);
        }
    }

    private async Task<long> OperationAsync(DataSubjectRequest request, OperationKind kind, CancellationToken cancellationToken)
    {
        if (request.OperationId is { } existing)
        {
            return existing;
        }
        var (errors, operationId) = await operations.StartAsync(request.SubjectId, kind, request.CaseNumber, request.Id, cancellationToken);
        if (operationId is null)
        {
            throw new InvalidOperationException($"The operation could not start: {string.Join(", ", errors.Values)}");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<DataSubjectRequest>().Where(r => r.Id == request.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.OperationId, operationId), cancellationToken);
        request.OperationId = operationId;
        return operationId.Value;
    }

    private async Task<OperationStatus?> ExportAsync(DataSubjectRequest request, CancellationToken cancellationToken)
    {
        var operationId = await OperationAsync(request, OperationKind.Export, cancellationToken);
        var status = await operations.RunAsync(operationId, cancellationToken) ?? OperationStatus.Running;
        long? deliveryId = null;
        if (status is OperationStatus.Completed or OperationStatus.WaitingOnTasks)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var package = await db.Set<ExportPackage>().AsNoTracking().SingleAsync(p => p.OperationId == operationId, cancellationToken);
            if (!await db.Set<AccessDelivery>().AnyAsync(d => d.RequestId == request.Id && d.PackageId == package.Id, cancellationToken))
            {
                // The person gets a one-time link; the code to open it goes to a verified contact.
                (_, deliveryId) = await deliveries.CreateAsync(request.Id, package.Id, cancellationToken: cancellationToken);
            }
        }
        await audit.RecordAsync(RequestActions.Fulfilled, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { operationId, status = status.ToString(), deliveryId }, cancellationToken: cancellationToken);
        return status;
    }

    private async Task<OperationStatus?> EraseAsync(DataSubjectRequest request, CancellationToken cancellationToken)
    {
        var operationId = await OperationAsync(request, OperationKind.Erase, cancellationToken);
        var status = await operations.RunAsync(operationId, cancellationToken);
        var view = (await operations.ListAsync(request.SubjectId, cancellationToken)).Single(o => o.Id == operationId);
        status ??= view.Status;
        if (status == OperationStatus.Failed || status == OperationStatus.Running)
        {
            return status;
        }
        var reached = view.Steps.Where(s => s.Status is StepStatus.Done or StepStatus.Waiting).Select(s => s.SystemId).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var targets = await recipients.DeletionNoticeTargetsAsync(reached, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ledger = await db.Set<ErasureLedgerEntry>().SingleOrDefaultAsync(l => l.RequestId == request.Id, cancellationToken);
        if (ledger is null)
        {
            var hashes = await db.Set<SubjectIdentifier>().Where(i => i.SubjectId == request.SubjectId).Select(i => i.LookupHash).ToListAsync(cancellationToken);
            ledger = new ErasureLedgerEntry
            {
                RequestId = request.Id,
                OperationId = operationId,
                IdentifierHashes = string.Join(',', hashes),
                SystemIds = string.Join(',', reached),
                ErasedAtUtc = now,
            };
            db.Add(ledger);
            await db.SaveChangesAsync(cancellationToken);
            // Statement 6.2: the backups still hold the person until they rotate out; one follow-up per backup set.
            await Backups.BackupService.AddFollowUpsAsync(db, ledger.Id, reached, now, options.Value.BackupRotationDays, cancellationToken);
        }
        var noticed = await db.Set<RecipientDeletionNotice>().Where(n => n.RequestId == request.Id).Select(n => n.RecipientId).ToListAsync(cancellationToken);
        var categories = await db.Set<Recipient>().AsNoTracking().Include(r => r.Categories).Where(r => targets.Select(t => t.RecipientId).Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Categories.OrderBy(c => c.Id).Select(c => c.NameZh).ToList(), cancellationToken);
        var actorId = await actor.GetActorIdAsync();
        var sent = new List<int>();
        foreach (var target in targets.Where(t => !noticed.Contains(t.RecipientId)))
        {
            var clock = await clocks.AddAsync(db, RequestClockOwners.RecipientNotice, $"{request.CaseNumber}/{target.RecipientId}", ClockPresets.RecipientDeletion, now, actorId, cancellationToken);
            db.Add(new RecipientDeletionNotice { RequestId = request.Id, RecipientId = target.RecipientId, SentAtUtc = now, ClockId = clock.Id, Version = 1 });
            await outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Email, NotificationPurposes.RecipientDeletionNotice, NotificationLanguages.Chinese, target.DeletionContact,
                new Dictionary<string, string>
                {
                    ["case_number"] = request.CaseNumber,
                    ["recipient"] = target.Name,
                    ["subject_reference"] = DataSubject.FormatReference(request.SubjectId),
                    ["categories"] = string.Join("、", categories.GetValueOrDefault(target.RecipientId) ?? []),
                    ["reply_by"] = portalTime.ToLocal(clock.DueUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }, CorrelationId: $"request:{request.Id}:recipient:{target.RecipientId}"), cancellationToken);
            sent.Add(target.RecipientId);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var recipientId in sent)
        {
            await audit.RecordAsync(RequestActions.RecipientNotified, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
                detail: new { recipientId }, cancellationToken: cancellationToken);
        }
        await audit.RecordAsync(RequestActions.Fulfilled, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { operationId, status = status.ToString(), systems = reached, recipients = sent, ledger = ledger.Id }, cancellationToken: cancellationToken);
        // Asking the systems again shows the officer (and the record) that nothing is left.
        await discovery.DiscoverAsync(request.SubjectId, cancellationToken);
        return status;
    }

    private async Task<(FieldErrors, OperationStatus?)> WithdrawConsentAsync(DataSubjectRequest request, IReadOnlyCollection<int> purposeIds, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (purposeIds.Count == 0)
        {
            errors["Purposes"] = "Requests.Fulfil.PurposeRequired";
            return (errors, null);
        }
        var channel = request.Channel switch
        {
            RequestChannel.Hotline400 => ConsentChannel.Hotline400,
            RequestChannel.OnlineChat => ConsentChannel.OnlineChat,
            RequestChannel.Email => ConsentChannel.Email,
            RequestChannel.Letter => ConsentChannel.Letter,
            _ => ConsentChannel.Web,
        };
        foreach (var purposeId in purposeIds)
        {
            var (refused, _) = await consents.RecordAsync(request.SubjectId, purposeId, false, channel, options.Value.PolicyVersion, request.Id, cancellationToken);
            if (!refused.IsValid)
            {
                return (refused, null);
            }
        }
        // The owners of the systems that use these purposes are told to stop (statement 4: processing ends with the consent).
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var withdrawn = await db.Set<Purpose>().AsNoTracking().Include(p => p.Systems).Where(p => purposeIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var systems = withdrawn.SelectMany(p => p.Systems.Where(s => s.IsActive).Select(s => (System: s, Purpose: p))).GroupBy(x => x.System.Id).ToList();
        foreach (var system in systems)
        {
            var first = system.First().System;
            await outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Email, NotificationPurposes.ConsentWithdrawnNotice, NotificationLanguages.Chinese, first.OwnerEmail,
                new Dictionary<string, string>
                {
                    ["system"] = first.Name,
                    ["case_number"] = request.CaseNumber,
                    ["subject_reference"] = DataSubject.FormatReference(request.SubjectId),
                    ["purposes"] = string.Join("、", system.Select(x => x.Purpose.NameZh).Distinct()),
                }, CorrelationId: $"request:{request.Id}:consent:{system.Key}"), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(RequestActions.Fulfilled, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { purposes = purposeIds, systemsNotified = systems.Select(g => g.Key).ToList() }, cancellationToken: cancellationToken);
        return (errors, OperationStatus.Completed);
    }

    private async Task<(FieldErrors, OperationStatus?)> CorrectAsync(DataSubjectRequest request, string? correction, IReadOnlyList<FieldCorrection> fieldCorrections, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        correction = correction?.Trim() ?? "";
        if (correction.Length < MinExplanation)
        {
            errors["Correction"] = "Requests.Fulfil.CorrectionRequired";
            return (errors, null);
        }
        // Database systems change the values in place; a failed or unmapped correction falls back to the owner's task.
        var (invalid, results) = await corrections.ApplyAsync(request.SubjectId, fieldCorrections, cancellationToken);
        if (!invalid.IsValid)
        {
            return (invalid, null);
        }
        var corrected = results.GroupBy(r => r.SystemId).Where(g => g.All(r => r.Error is null)).Select(g => g.Key).ToHashSet();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = await db.Set<DataSystem>().Where(s => s.IsActive && !corrected.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var systemId in systems)
        {
            db.Add(new ConnectorTask
            {
                SystemId = systemId,
                SubjectId = request.SubjectId,
                Kind = ConnectorTaskKind.Correct,
                Status = ConnectorTaskStatus.Open,
                Checklist = $"{Text("Requests.Fulfil.CorrectionTask", request.CaseNumber)}\n{correction}",
                CreatedAtUtc = now,
                Version = 1,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        // The values themselves are personal data: the record names the columns and the rows changed, never the values.
        await audit.RecordAsync(RequestActions.Fulfilled, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { corrected = results.Select(r => new { r.SystemId, r.Table, r.Column, r.Rows, failed = r.Error is not null }).ToList(), tasks = systems.Count }, cancellationToken: cancellationToken);
        if (results.FirstOrDefault(r => r.Error is not null) is { } failed)
        {
            errors["Corrections"] = "Requests.Correction.Failed";
        }
        return (errors, systems.Count > 0 ? OperationStatus.WaitingOnTasks : OperationStatus.Completed);
    }

    public async Task<CaseChange> ConfirmRecipientAsync(long noticeId, int version, string? note, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notice = await db.Set<RecipientDeletionNotice>().SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        if (notice is null)
        {
            return CaseChange.NotFound;
        }
        if (notice.ConfirmedAtUtc is not null)
        {
            return CaseChange.NotAllowed;
        }
        if (!db.TryClaim(notice, version))
        {
            return CaseChange.Conflict;
        }
        notice.ConfirmedAtUtc = time.GetUtcNow().UtcDateTime;
        notice.ConfirmedById = await actor.GetActorIdAsync();
        notice.ConfirmationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, 1000)];
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return CaseChange.Conflict;
        }
        await clocks.MeetIfRunningAsync(notice.ClockId, cancellationToken);
        var subjectId = await db.Set<DataSubjectRequest>().Where(r => r.Id == notice.RequestId).Select(r => r.SubjectId).SingleAsync(cancellationToken);
        await audit.RecordAsync(RequestActions.RecipientConfirmed, targetType: "request", targetId: RequestService.Id(notice.RequestId), subjectId: SubjectDirectory.Id(subjectId),
            detail: new { notice.RecipientId }, cancellationToken: cancellationToken);
        return CaseChange.Done;
    }

    /// <summary>Closes a fulfilled case and answers the person: what was done, what was not and why, how to complain.</summary>
    public async Task<(FieldErrors Errors, CaseChange Change)> CloseAsync(long id, int version, string? details, string? notDone, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "requests.close");
        var errors = new FieldErrors();
        details = details?.Trim() ?? "";
        if (details.Length == 0)
        {
            errors["Details"] = "Validation.Required";
            return (errors, CaseChange.NotAllowed);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return (errors, CaseChange.NotFound);
        }
        if (request.Status != RequestStatus.Fulfilling)
        {
            errors["Details"] = "Requests.Fulfil.NotApproved";
            return (errors, CaseChange.NotAllowed);
        }
        if (!db.TryClaim(request, version))
        {
            return (errors, CaseChange.Conflict);
        }
        var partly = request.Decision == DecisionKind.PartiallyApprove || !string.IsNullOrWhiteSpace(notDone);
        var now = time.GetUtcNow().UtcDateTime;
        await CloseInAsync(db, request, partly ? RequestOutcome.PartiallyFulfilled : RequestOutcome.Fulfilled, details,
            string.IsNullOrWhiteSpace(notDone) ? (request.Decision == DecisionKind.PartiallyApprove ? RefusalText(request) : Text("Requests.Closing.Nothing")) : notDone.Trim(), now, cancellationToken);
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, CaseChange.Conflict);
        }
        await AfterCloseAsync(request, cancellationToken);
        return (errors, CaseChange.Done);
    }

    private async Task CloseInAsync(PortalDbContext db, DataSubjectRequest request, RequestOutcome outcome, string details, string notDone, DateTime now, CancellationToken cancellationToken)
    {
        request.Status = RequestStatus.Closed;
        request.Outcome = outcome;
        request.ClosedAtUtc = now;
        request.ClosedOnTime = now <= request.DueAtUtc;
        var to = await RequestContacts.PreferredAsync(db, request.SubjectId, cancellationToken);
        if (to is null)
        {
            return;
        }
        await outbox.AddAsync(db, new NotificationRequest(to.Kind == IdentifierKind.Email ? NotificationChannel.Email : NotificationChannel.Sms,
            NotificationPurposes.RequestClosing, NotificationLanguages.Chinese, identifiers.Unprotect(to.ValueProtected),
            new Dictionary<string, string>
            {
                ["case_number"] = request.CaseNumber,
                ["request_type"] = requests.TypeName(request.Type, NotificationLanguages.Chinese),
                ["outcome"] = Text($"Requests.Outcome.{outcome}"),
                ["details"] = details,
                ["not_done"] = notDone,
                ["hotline"] = options.Value.Hotline,
            }, CorrelationId: $"request:{request.Id}:closing"), cancellationToken);
    }

    private async Task AfterCloseAsync(DataSubjectRequest request, CancellationToken cancellationToken)
    {
        // Answered: both the target and the outer limit are met.
        await clocks.MeetIfRunningAsync(request.ClockId, cancellationToken);
        await clocks.MeetIfRunningAsync(request.HardStopClockId, cancellationToken);
        await audit.RecordAsync(RequestActions.Closed, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { outcome = request.Outcome?.ToString(), onTime = request.ClosedOnTime }, cancellationToken: cancellationToken);
    }

    private string RefusalText(DataSubjectRequest request)
    {
        var reasons = (request.RefusalReasonKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Text($"Requests.Refusal.{k}"));
        return $"{string.Join("；", reasons)}。{request.DecisionExplanation}";
    }

    /// <summary>Messages to people are in Chinese (their language on file is not known yet).</summary>
    private string Text(string key, params object[] args) => localizer.In("zh-CN", key, args);
}
