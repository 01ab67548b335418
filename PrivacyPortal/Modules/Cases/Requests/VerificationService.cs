using PrivacyPortal.Modules.Foundation.Clocks;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>The <c>Requests:Verification</c> section.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Requests:Verification";

    /// <summary>How long a one-time code stays valid.</summary>
    public int CodeMinutes { get; set; } = 10;

    /// <summary>Wrong entries before a code is dead and a new one must be sent.</summary>
    public int MaxCodeAttempts { get; set; } = 5;

    /// <summary>Codes one intake may be sent per hour: stops an agent (or a caller) turning the portal into an SMS cannon.</summary>
    public int MaxChallengesPerHour { get; set; } = 3;

    /// <summary>Requests one client address may make to the anonymous delivery page per minute.</summary>
    public int DeliveryRequestsPerMinute { get; set; } = 10;
}

public sealed record ContactOnFile(long Id, IdentifierKind Kind, string Masked, bool IsVerified);

public sealed record ChallengeView(long Id, long IdentifierId, string Masked, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, int Attempts, int MaxAttempts, DateTime? PassedAtUtc)
{
    public bool Exhausted => Attempts >= MaxAttempts;
}

/// <summary>What the verification panel shows for one case.</summary>
public sealed record VerificationState(
    long RequestId,
    string CaseNumber,
    RequestStatus Status,
    RequestOutcome? Outcome,
    bool OnBehalf,
    string? AuthorityNote,
    VerificationMethod? Method,
    VerificationResult? Result,
    string? Note,
    string? VerifiedById,
    string? VerifiedByName,
    DateTime? VerifiedAtUtc,
    IReadOnlyList<string> IntakeCaseNumbers,
    IReadOnlyList<ContactOnFile> Contacts,
    ChallengeView? Challenge,
    int ChallengesLastHour,
    int MaxChallengesPerHour)
{
    public bool Awaiting => Status == RequestStatus.AwaitingVerification;

    public bool CanSendCode => Awaiting && ChallengesLastHour < MaxChallengesPerHour && Contacts.Count > 0;
}

public enum CodeCheck
{
    Passed,
    Wrong,
    Expired,
    /// <summary>The code took its last wrong entry: it is dead; send a new one or record a failure.</summary>
    Exhausted,
    NoCode,
    NotAwaiting,
}

public sealed record CodeCheckResult(CodeCheck Outcome, int AttemptsLeft);

/// <summary>
/// Statement 6.3: nothing is disclosed, changed or deleted before the requester is verified. A verification covers
/// every case of the intake (one call, one check); its method, outcome and staff member are recorded on each case.
/// </summary>
public sealed class VerificationService(
    IDbContextFactory<PortalDbContext> contexts,
    NotificationOutbox outbox,
    IdentifierProtector identifiers,
    IOptions<VerificationOptions> options,
    IOptions<RequestsOptions> requestOptions,
    ClockService clocks,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time)
{
    public const int MaxNote = 500;

    private VerificationOptions Options => options.Value;

    public async Task<VerificationState?> GetAsync(long requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var caseNumbers = await db.Set<DataSubjectRequest>().AsNoTracking().Where(r => r.IntakeId == request.IntakeId)
            .OrderBy(r => r.Id).Select(r => r.CaseNumber).ToListAsync(cancellationToken);
        var contacts = await db.Set<SubjectIdentifier>().AsNoTracking()
            .Where(i => i.SubjectId == request.SubjectId && (i.Kind == IdentifierKind.Phone || i.Kind == IdentifierKind.Email))
            .OrderBy(i => i.Kind).ThenBy(i => i.Id)
            .Select(i => new ContactOnFile(i.Id, i.Kind, i.Masked, i.IsVerified)).ToListAsync(cancellationToken);
        var latest = await db.Set<VerificationChallenge>().AsNoTracking().Where(c => c.IntakeId == request.IntakeId)
            .OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var hourAgo = now.AddHours(-1);
        var lastHour = await db.Set<VerificationChallenge>().CountAsync(c => c.IntakeId == request.IntakeId && c.CreatedAtUtc > hourAgo, cancellationToken);
        ChallengeView? challenge = null;
        if (latest is not null)
        {
            var masked = contacts.FirstOrDefault(c => c.Id == latest.IdentifierId)?.Masked ?? "";
            challenge = new ChallengeView(latest.Id, latest.IdentifierId, masked, latest.CreatedAtUtc, latest.ExpiresAtUtc, latest.Attempts, latest.MaxAttempts, latest.PassedAtUtc);
        }
        var verifiedByName = request.VerifiedById is null ? null
            : await db.Users.Where(u => u.Id == request.VerifiedById).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? request.VerifiedById;
        return new VerificationState(request.Id, request.CaseNumber, request.Status, request.Outcome, request.OnBehalf, request.AuthorityNote,
            request.VerificationMethod, request.VerificationResult, request.VerificationNote, request.VerifiedById, verifiedByName, request.VerifiedAtUtc,
            caseNumbers, contacts, challenge, lastHour, Options.MaxChallengesPerHour);
    }

    /// <summary>
    /// Sends a new code to a phone or e-mail already on file for this person. Only to identifiers of the same
    /// subject: a caller cannot have a code sent to a number they just read out.
    /// </summary>
    public async Task<(FieldErrors Errors, long? ChallengeId)> SendCodeAsync(long requestId, long identifierId, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            errors["Request"] = "Common.NotFound";
            return (errors, null);
        }
        if (request.Status != RequestStatus.AwaitingVerification)
        {
            errors["Request"] = "Requests.Verify.NotAwaiting";
            return (errors, null);
        }
        var identifier = await db.Set<SubjectIdentifier>().AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == identifierId && i.SubjectId == request.SubjectId && (i.Kind == IdentifierKind.Phone || i.Kind == IdentifierKind.Email), cancellationToken);
        if (identifier is null)
        {
            errors["IdentifierId"] = "Requests.Verify.NotOnFile";
            return (errors, null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        if (await db.Set<VerificationChallenge>().CountAsync(c => c.IntakeId == request.IntakeId && c.CreatedAtUtc > hourAgo, cancellationToken) >= Options.MaxChallengesPerHour)
        {
            errors["IdentifierId"] = "Requests.Verify.TooManyCodes";
            return (errors, null);
        }

        var actorId = await actor.GetActorIdAsync();
        var code = NewCode();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var challenge = new VerificationChallenge
        {
            IntakeId = request.IntakeId,
            IdentifierId = identifier.Id,
            // Replaced once the id (the salt) is known; never a code.
            CodeHash = "",
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddMinutes(Math.Max(1, Options.CodeMinutes)),
            MaxAttempts = Math.Max(1, Options.MaxCodeAttempts),
            CreatedById = actorId,
        };
        db.Add(challenge);
        await db.SaveChangesAsync(cancellationToken);
        challenge.CodeHash = HashCode(challenge.Id, code);
        await outbox.AddAsync(db, new NotificationRequest(
            identifier.Kind == IdentifierKind.Email ? NotificationChannel.Email : NotificationChannel.Sms,
            NotificationPurposes.VerificationCode,
            NotificationLanguages.Chinese,
            identifiers.Unprotect(identifier.ValueProtected),
            new Dictionary<string, string>
            {
                ["code"] = code,
                ["minutes"] = Math.Max(1, Options.CodeMinutes).ToString(CultureInfo.InvariantCulture),
                ["case_number"] = request.CaseNumber,
                ["hotline"] = requestOptions.Value.Hotline,
            },
            CorrelationId: $"verification:{challenge.Id.ToString(CultureInfo.InvariantCulture)}",
            SecretsValidUntilUtc: challenge.ExpiresAtUtc), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(RequestActions.CodeSent, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { request.CaseNumber, challengeId = challenge.Id, identifierId = identifier.Id, kind = identifier.Kind.ToString() }, cancellationToken: cancellationToken);
        return (errors, challenge.Id);
    }

    /// <summary>Checks the code the caller read back against the intake's latest code; a right one verifies the intake.</summary>
    public async Task<CodeCheckResult> CheckCodeAsync(long requestId, string? code, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.Status != RequestStatus.AwaitingVerification)
        {
            return new CodeCheckResult(CodeCheck.NotAwaiting, 0);
        }
        var challenge = await db.Set<VerificationChallenge>().Where(c => c.IntakeId == request.IntakeId)
            .OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (challenge is null || challenge.PassedAtUtc is not null)
        {
            return new CodeCheckResult(CodeCheck.NoCode, 0);
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (challenge.Attempts >= challenge.MaxAttempts)
        {
            return new CodeCheckResult(CodeCheck.Exhausted, 0);
        }
        if (challenge.ExpiresAtUtc <= now)
        {
            return new CodeCheckResult(CodeCheck.Expired, challenge.MaxAttempts - challenge.Attempts);
        }
        var right = IsSixDigits(code) && Matches(challenge.CodeHash, HashCode(challenge.Id, code!));
        if (!right)
        {
            // Attempts is a concurrency token: two wrong guesses at once cannot both be counted as the same one.
            challenge.Attempts++;
            if (!await db.SaveUnlessChangedAsync(cancellationToken))
            {
                return new CodeCheckResult(CodeCheck.Wrong, 0);
            }
            var left = challenge.MaxAttempts - challenge.Attempts;
            return new CodeCheckResult(left <= 0 ? CodeCheck.Exhausted : CodeCheck.Wrong, left);
        }
        challenge.PassedAtUtc = now;
        var identifier = await db.Set<SubjectIdentifier>().SingleOrDefaultAsync(i => i.Id == challenge.IdentifierId, cancellationToken);
        if (identifier is not null)
        {
            // The person has just shown they hold it.
            identifier.IsVerified = true;
        }
        var passed = await PassAsync(db, request.IntakeId, VerificationMethod.OneTimeCode, null, now, cancellationToken);
        if (passed is null)
        {
            return new CodeCheckResult(CodeCheck.NotAwaiting, 0);
        }
        await AuditPassedAsync(passed, VerificationMethod.OneTimeCode, challenge.Id, cancellationToken);
        return new CodeCheckResult(CodeCheck.Passed, challenge.MaxAttempts - challenge.Attempts);
    }

    /// <summary>An agent checked documents (ID card, power of attorney): the note says what was seen.</summary>
    public Task<FieldErrors> RecordDocumentCheckAsync(long requestId, string? note, CancellationToken cancellationToken = default) =>
        RecordManualAsync(requestId, VerificationMethod.DocumentCheck, note, cancellationToken);

    /// <summary>The person confirmed the request from their signed-in account: the note says where and when.</summary>
    public Task<FieldErrors> RecordSignedInAccountAsync(long requestId, string? note, CancellationToken cancellationToken = default) =>
        RecordManualAsync(requestId, VerificationMethod.SignedInAccount, note, cancellationToken);

    private async Task<FieldErrors> RecordManualAsync(long requestId, VerificationMethod method, string? note, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        note = note?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors["Note"] = "Validation.Required";
        }
        else if (note.Length > MaxNote)
        {
            errors["Note"] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return errors;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            errors["Note"] = "Common.NotFound";
            return errors;
        }
        var passed = request.Status == RequestStatus.AwaitingVerification
            ? await PassAsync(db, request.IntakeId, method, note, time.GetUtcNow().UtcDateTime, cancellationToken)
            : null;
        if (passed is null)
        {
            errors["Note"] = "Requests.Verify.NotAwaiting";
            return errors;
        }
        await AuditPassedAsync(passed, method, null, cancellationToken);
        return errors;
    }

    /// <summary>
    /// Verification failed (documents did not match, the person could not be reached, the codes ran out) or ran out
    /// of time: every waiting case of the intake is closed, the reason recorded.
    /// </summary>
    public async Task<FieldErrors> FailAsync(long requestId, VerificationResult result, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            errors["Reason"] = "Validation.Required";
        }
        else if (reason.Length > MaxNote)
        {
            errors["Reason"] = "Validation.TooLong";
        }
        if (result == VerificationResult.Passed)
        {
            errors["Result"] = "Validation.Rejected";
        }
        if (!errors.IsValid)
        {
            return errors;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            errors["Reason"] = "Common.NotFound";
            return errors;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var actorId = await actor.GetActorIdAsync();
        var cases = await db.Set<DataSubjectRequest>().Where(r => r.IntakeId == request.IntakeId && r.Status == RequestStatus.AwaitingVerification).ToListAsync(cancellationToken);
        if (cases.Count == 0)
        {
            errors["Reason"] = "Requests.Verify.NotAwaiting";
            return errors;
        }
        var method = await LatestMethodAsync(db, request.IntakeId, cancellationToken);
        foreach (var item in cases)
        {
            if (!db.TryClaim(item, item.Version))
            {
                errors["Reason"] = ChangeText.Conflict;
                return errors;
            }
            item.Status = RequestStatus.Closed;
            item.Outcome = RequestOutcome.VerificationFailed;
            item.VerificationMethod = method;
            item.VerificationResult = result;
            item.VerificationNote = reason;
            item.VerifiedById = actorId;
            item.VerifiedAtUtc = now;
            item.ClosedAtUtc = now;
            item.ClosedOnTime = now <= item.DueAtUtc;
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            errors["Reason"] = ChangeText.Conflict;
            return errors;
        }
        foreach (var item in cases)
        {
            // The case is answered (refused for want of verification): its deadline stops reminding.
            await clocks.MeetIfRunningAsync(item.ClockId, cancellationToken);
            await clocks.MeetIfRunningAsync(item.HardStopClockId, cancellationToken);
            await audit.RecordAsync(RequestActions.VerificationFailed, AuditOutcome.Failure, targetType: "request", targetId: RequestService.Id(item.Id), subjectId: SubjectDirectory.Id(item.SubjectId),
                detail: new { item.CaseNumber, result = result.ToString(), method = method.ToString() }, cancellationToken: cancellationToken);
        }
        return errors;
    }

    /// <summary>Codes were sent but none passed: the failure is recorded against that method; otherwise the agent's check.</summary>
    private static async Task<VerificationMethod> LatestMethodAsync(PortalDbContext db, Guid intakeId, CancellationToken cancellationToken) =>
        await db.Set<VerificationChallenge>().AnyAsync(c => c.IntakeId == intakeId, cancellationToken) ? VerificationMethod.OneTimeCode : VerificationMethod.DocumentCheck;

    private async Task<List<DataSubjectRequest>?> PassAsync(PortalDbContext db, Guid intakeId, VerificationMethod method, string? note, DateTime now, CancellationToken cancellationToken)
    {
        var actorId = await actor.GetActorIdAsync();
        var cases = await db.Set<DataSubjectRequest>().Where(r => r.IntakeId == intakeId && r.Status == RequestStatus.AwaitingVerification).ToListAsync(cancellationToken);
        if (cases.Count == 0)
        {
            return null;
        }
        foreach (var item in cases)
        {
            if (!db.TryClaim(item, item.Version))
            {
                return null;
            }
            item.Status = RequestStatus.InReview;
            item.VerificationMethod = method;
            item.VerificationResult = VerificationResult.Passed;
            item.VerificationNote = note;
            item.VerifiedById = actorId;
            item.VerifiedAtUtc = now;
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return null;
        }
        return cases;
    }

    private async Task AuditPassedAsync(List<DataSubjectRequest> cases, VerificationMethod method, long? challengeId, CancellationToken cancellationToken)
    {
        foreach (var item in cases)
        {
            await audit.RecordAsync(RequestActions.Verified, targetType: "request", targetId: RequestService.Id(item.Id), subjectId: SubjectDirectory.Id(item.SubjectId),
                detail: new { item.CaseNumber, method = method.ToString(), challengeId, item.OnBehalf }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Six digits, uniform, from the system's cryptographic generator.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of the code salted with the row id, lowercase hex: the code itself is never stored.</summary>
    public static string HashCode(long salt, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt.ToString(CultureInfo.InvariantCulture)}:{code}")));

    public static bool Matches(string storedHash, string candidateHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(candidateHash));

    public static bool IsSixDigits(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
