using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Shared;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.DataPlane.Subjects;

/// <summary>Identifier values are encrypted under their own purpose, apart from notification recipients.</summary>
public sealed class IdentifierProtector(IDataProtectionProvider provider) : EnvelopeProtector(provider, Purpose)
{
    // Part of the data format: changing it makes every stored identifier unreadable.
    public const string Purpose = "PrivacyPortal.Subjects.Identifier.v1";
}

public sealed record IdentifierInput(IdentifierKind Kind, string Value);

public sealed record IdentifierView(long Id, IdentifierKind Kind, string Masked, bool IsVerified, DateTime AddedAtUtc);

public sealed record SubjectCard(long Id, string Reference, DateTime CreatedAtUtc, IReadOnlyList<IdentifierView> Identifiers);

/// <summary>
/// The subject directory: people known by identifiers, found by exact keyed-hash lookup, shown masked. Every look
/// at a person is audited by subject id; a full value is revealed only with a reason.
/// </summary>
public sealed class SubjectDirectory(
    IDbContextFactory<PortalDbContext> contexts,
    IdentifierProtector protector,
    SubjectLookupHasher hasher,
    AuditTrail audit,
    TimeProvider time, AccessGuard access, CurrentActor actor, IOptions<SubjectsOptions> options)
{
    public const int MinReasonLength = 4;

    /// <summary>Creates a person with their identifiers; refused per field when a value is malformed or already someone else's.</summary>
    public async Task<(FieldErrors Errors, long? SubjectId)> CreateAsync(IReadOnlyList<IdentifierInput> identifiers, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var prepared = Prepare(identifiers, errors);
        if (prepared.Count == 0 && errors.IsValid)
        {
            errors["Identifiers"] = "Subjects.NeedOneIdentifier";
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RefuseTakenAsync(db, prepared, errors, cancellationToken);
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var subject = new DataSubject { CreatedAtUtc = now, Identifiers = prepared.Select(p => p.Identifier).ToList() };
        db.Add(subject);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await AnyTakenAsync(prepared, cancellationToken))
            {
                throw;
            }
            // Someone registered the same value a moment ago.
            errors["Identifiers"] = "Subjects.IdentifierTaken";
            return (errors, null);
        }
        await audit.RecordAsync(SubjectActions.Created, targetType: "subject", targetId: Id(subject.Id),
            subjectId: Id(subject.Id), detail: new { kinds = prepared.Select(p => p.Identifier.Kind.ToString()).ToArray() }, cancellationToken: cancellationToken);
        return (errors, subject.Id);
    }

    public async Task<(FieldErrors Errors, long? IdentifierId)> AddIdentifierAsync(long subjectId, IdentifierInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var prepared = Prepare([input], errors);
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RefuseTakenAsync(db, prepared, errors, cancellationToken);
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var identifier = prepared[0].Identifier;
        identifier.SubjectId = subjectId;
        db.Add(identifier);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(SubjectActions.IdentifierAdded, targetType: "subject", targetId: Id(subjectId), subjectId: Id(subjectId),
            detail: new { kind = identifier.Kind.ToString(), identifierId = identifier.Id }, cancellationToken: cancellationToken);
        return (errors, identifier.Id);
    }

    /// <summary>Exact lookup of one value; the kind is guessed from its shape when not given. A hit is audited as a view.</summary>
    public async Task<(FieldErrors Errors, SubjectCard? Subject)> FindAsync(string raw, IdentifierKind? kind = null, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var actualKind = kind ?? IdentifierNormalizer.Guess(raw ?? "");
        var normalized = IdentifierNormalizer.Normalize(actualKind, raw, out var error);
        if (normalized is null)
        {
            errors["Value"] = error!;
            return (errors, null);
        }
        var hash = hasher.Hash(actualKind, normalized);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subjectId = await db.Set<SubjectIdentifier>().Where(i => i.LookupHash == hash).Select(i => (long?)i.SubjectId).SingleOrDefaultAsync(cancellationToken);
        if (subjectId is null)
        {
            return (errors, null);
        }
        var card = await CardAsync(db, subjectId.Value, cancellationToken);
        await audit.RecordAsync(SubjectActions.LookedUp, targetType: "subject", targetId: Id(subjectId.Value), subjectId: Id(subjectId.Value),
            detail: new { kind = actualKind.ToString() }, cancellationToken: cancellationToken);
        return (errors, card);
    }

    /// <summary>The subject id for a value, without auditing: for the portal's own matching (imports, intake), not for showing.</summary>
    public async Task<long?> MatchAsync(IdentifierKind kind, string normalized, CancellationToken cancellationToken = default)
    {
        var hash = hasher.Hash(kind, normalized);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<SubjectIdentifier>().Where(i => i.LookupHash == hash).Select(i => (long?)i.SubjectId).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Opens a person's card (masked values). Audited: who looked at whom is what auditors review.</summary>
    public async Task<SubjectCard?> GetAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var card = await CardAsync(db, subjectId, cancellationToken);
        if (card is not null)
        {
            await audit.RecordAsync(SubjectActions.Viewed, targetType: "subject", targetId: Id(subjectId), subjectId: Id(subjectId), cancellationToken: cancellationToken);
        }
        return card;
    }

    /// <summary>
    /// A full identifier, for a reason chosen from <see cref="RevealReasons"/> (with a note; required for "other"). Each
    /// reveal is audited; more than <see cref="SubjectsOptions.RevealsPerHour"/> by one person in an hour are refused,
    /// and the refusal is recorded for the access review.
    /// </summary>
    public async Task<(FieldErrors Errors, string? Value)> RevealAsync(long identifierId, string? reason, string? note = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.SubjectLookup, "subjects.reveal");
        var errors = new FieldErrors();
        note = FreeText.Clean(note);
        if (reason is null || !RevealReasons.All.Contains(reason))
        {
            errors["Reason"] = "Subjects.Reveal.ReasonRequired";
        }
        else if (reason == RevealReasons.Other && note.Length < MinReasonLength)
        {
            errors["Note"] = "Subjects.Reveal.NoteRequired";
        }
        if (note.Length > 500)
        {
            errors["Note"] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var identifier = await db.Set<SubjectIdentifier>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == identifierId, cancellationToken);
        if (identifier is null)
        {
            errors["Reason"] = "Common.NotFound";
            return (errors, null);
        }
        var actorId = await actor.GetActorIdAsync();
        var since = time.GetUtcNow().UtcDateTime.AddHours(-1);
        var recent = await db.AuditEvents.CountAsync(e => e.Action == SubjectActions.Revealed && e.ActorId == actorId && e.OccurredAtUtc >= since, cancellationToken);
        if (recent >= options.Value.RevealsPerHour)
        {
            await audit.RecordAsync(SubjectActions.RevealRefused, targetType: "subject", targetId: Id(identifier.SubjectId), subjectId: Id(identifier.SubjectId),
                detail: new { identifierId, reason, recent, limit = options.Value.RevealsPerHour }, cancellationToken: cancellationToken);
            errors["Reason"] = "Subjects.Reveal.TooMany";
            return (errors, null);
        }
        var value = protector.Unprotect(identifier.ValueProtected);
        await audit.RecordAsync(SubjectActions.Revealed, targetType: "subject", targetId: Id(identifier.SubjectId), subjectId: Id(identifier.SubjectId),
            detail: new { identifierId, kind = identifier.Kind.ToString(), reason, note }, cancellationToken: cancellationToken);
        return (errors, value);
    }

    /// <summary>Decrypted identifiers for connectors. Not audited here: the operation that uses them is.</summary>
    public async Task<SubjectKeys> KeysAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<SubjectIdentifier>().AsNoTracking().Where(i => i.SubjectId == subjectId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return new SubjectKeys(subjectId, rows.Select(r => new SubjectKey(r.Kind, protector.Unprotect(r.ValueProtected))).ToList());
    }

    /// <summary>Validates, normalises, encrypts and hashes; errors are keyed <c>Identifiers[i]</c>.</summary>
    public List<(int Index, SubjectIdentifier Identifier)> Prepare(IReadOnlyList<IdentifierInput> inputs, FieldErrors errors)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var prepared = new List<(int, SubjectIdentifier)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (string.IsNullOrWhiteSpace(input.Value))
            {
                continue;
            }
            var normalized = IdentifierNormalizer.Normalize(input.Kind, input.Value, out var error);
            if (normalized is null)
            {
                errors[$"Identifiers[{i}]"] = error!;
                continue;
            }
            var hash = hasher.Hash(input.Kind, normalized);
            if (!seen.Add(hash))
            {
                continue;
            }
            prepared.Add((i, new SubjectIdentifier
            {
                Kind = input.Kind,
                ValueProtected = protector.Protect(normalized),
                LookupHash = hash,
                Masked = IdentifierNormalizer.Mask(input.Kind, normalized),
                AddedAtUtc = now,
            }));
        }
        return prepared;
    }

    private static async Task RefuseTakenAsync(PortalDbContext db, List<(int Index, SubjectIdentifier Identifier)> prepared, FieldErrors errors, CancellationToken cancellationToken)
    {
        var hashes = prepared.Select(p => p.Identifier.LookupHash).ToList();
        var taken = await db.Set<SubjectIdentifier>().Where(i => hashes.Contains(i.LookupHash)).Select(i => i.LookupHash).ToListAsync(cancellationToken);
        foreach (var (index, identifier) in prepared.Where(p => taken.Contains(p.Identifier.LookupHash)))
        {
            errors[$"Identifiers[{index}]"] = "Subjects.IdentifierTaken";
        }
    }

    private async Task<bool> AnyTakenAsync(List<(int Index, SubjectIdentifier Identifier)> prepared, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hashes = prepared.Select(p => p.Identifier.LookupHash).ToList();
        return await db.Set<SubjectIdentifier>().AnyAsync(i => hashes.Contains(i.LookupHash), cancellationToken);
    }

    private static async Task<SubjectCard?> CardAsync(PortalDbContext db, long subjectId, CancellationToken cancellationToken)
    {
        var subject = await db.Set<DataSubject>().AsNoTracking().Include(s => s.Identifiers).SingleOrDefaultAsync(s => s.Id == subjectId, cancellationToken);
        return subject is null
            ? null
            : new SubjectCard(subject.Id, subject.Reference, subject.CreatedAtUtc,
                subject.Identifiers.OrderBy(i => i.Kind).ThenBy(i => i.Id).Select(i => new IdentifierView(i.Id, i.Kind, i.Masked, i.IsVerified, i.AddedAtUtc)).ToList());
    }

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Why a full identifier may be shown: a list, so "abcd" is not a reason.</summary>
public static class RevealReasons
{
    public const string VerifyCaller = "verify-caller";
    public const string ContactPerson = "contact-person";
    public const string CorrectRecord = "correct-record";
    public const string LegalRequest = "legal-request";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [VerifyCaller, ContactPerson, CorrectRecord, LegalRequest, Other];
}

public static class SubjectActions
{
    public const string Created = "subject.created";
    public const string IdentifierAdded = "subject.identifier-added";
    public const string LookedUp = "subject.looked-up";
    public const string Viewed = "subject.viewed";
    public const string Revealed = "subject.revealed";
    public const string RevealRefused = "subject.reveal-refused";
    public const string Discovered = "subject.discovered";
    public const string ConsentRecorded = "subject.consent-recorded";
}
