using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>A person's consent for one purpose, as of now.</summary>
public enum ConsentStatus
{
    /// <summary>No record: the person was never asked (or the purpose is new).</summary>
    Never,
    Given,
    Withdrawn,
}

/// <summary>
/// One purpose and where one person stands on it: the latest record's state, when, through which channel and under
/// which policy version (all null when <see cref="Status"/> is <see cref="ConsentStatus.Never"/>).
/// </summary>
public sealed record ConsentState(
    int PurposeId, string PurposeKey, string NameZh, string NameEn, bool IsEssential,
    ConsentStatus Status, DateTime? AtUtc, ConsentChannel? Channel, string? PolicyVersion, long? RequestId)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>One consent record, as the history lists it.</summary>
public sealed record ConsentHistoryEntry(
    long Id, int PurposeId, string PurposeKey, string NameZh, string NameEn, bool Given, DateTime AtUtc, ConsentChannel Channel,
    string PolicyVersion, string? RecordedById, long? RequestId)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>
/// Consent per person and purpose (statement 4, 6.5). Records are appended, never changed; the latest per purpose
/// is the current state. Every record is audited under the person's id.
/// </summary>
/// <remarks>
/// For the subject page and request fulfilment: <see cref="RecordAsync"/> to give or withdraw,
/// <see cref="CurrentAsync"/> for one line per purpose, <see cref="HistoryAsync"/> for every record, newest first.
/// </remarks>
public sealed class ConsentService(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, CurrentActor actor, TimeProvider time)
{
    /// <summary>
    /// Appends a consent record for <paramref name="subjectId"/> and <paramref name="purposeId"/>: given
    /// (<paramref name="given"/> true) or withdrawn. An essential purpose cannot be withdrawn (statement 6.5 lets
    /// people withdraw consent for non-essential functions; for the essential ones they cancel the account): the
    /// refusal is <c>Inventory.Consent.EssentialCannotWithdraw</c> under <c>Given</c>. Other refusals: unknown person
    /// (<c>SubjectId</c>) or purpose (<c>PurposeId</c>), missing or too long policy version (<c>PolicyVersion</c>).
    /// </summary>
    /// <param name="channel">How the person gave or withdrew it (hotline, app, ...).</param>
    /// <param name="policyVersion">The privacy-policy version the person saw, e.g. 2026.1.</param>
    /// <param name="requestId">The data-subject request that withdrew it, if it came through one.</param>
    /// <returns>Errors (empty when saved) and the new record's id.</returns>
    public async Task<(FieldErrors Errors, long? RecordId)> RecordAsync(
        long subjectId, int purposeId, bool given, ConsentChannel channel, string policyVersion, long? requestId = null,
        CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var version = InventoryRules.Required(errors, "PolicyVersion", policyVersion, 20);
        InventoryRules.Defined(errors, "Channel", channel);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<DataSubject>().AnyAsync(s => s.Id == subjectId, cancellationToken))
        {
            errors["SubjectId"] = "Inventory.Consent.UnknownSubject";
        }
        var purpose = await db.Set<Purpose>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == purposeId, cancellationToken);
        if (purpose is null)
        {
            errors["PurposeId"] = "Inventory.Consent.UnknownPurpose";
        }
        else if (!given && purpose.IsEssential)
        {
            errors["Given"] = "Inventory.Consent.EssentialCannotWithdraw";
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var actorId = await actor.GetActorIdAsync();
        var record = new ConsentRecord
        {
            SubjectId = subjectId,
            PurposeId = purposeId,
            Given = given,
            AtUtc = time.GetUtcNow().UtcDateTime,
            Channel = channel,
            PolicyVersion = version,
            RecordedById = actorId is AuditActors.System or AuditActors.Anonymous ? null : actorId,
            RequestId = requestId,
        };
        db.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(SubjectActions.ConsentRecorded, targetType: "purpose", targetId: InventoryActions.Id(purposeId), subjectId: SubjectDirectory.Id(subjectId),
            detail: new { recordId = record.Id, purpose = purpose!.Key, given, channel = channel.ToString(), policyVersion = version, requestId },
            cancellationToken: cancellationToken);
        return (errors, record.Id);
    }

    /// <summary>One line per purpose (in the purposes' order): the person's latest consent state for it, or Never.</summary>
    public async Task<IReadOnlyList<ConsentState>> CurrentAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var purposes = await db.Set<Purpose>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        // A person has a handful of records per purpose: reading them all is cheaper than a per-group query.
        var latest = (await db.Set<ConsentRecord>().AsNoTracking().Where(r => r.SubjectId == subjectId).ToListAsync(cancellationToken))
            .GroupBy(r => r.PurposeId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).First());
        return purposes.Select(p => latest.TryGetValue(p.Id, out var r)
                ? new ConsentState(p.Id, p.Key, p.NameZh, p.NameEn, p.IsEssential, r.Given ? ConsentStatus.Given : ConsentStatus.Withdrawn, r.AtUtc, r.Channel, r.PolicyVersion, r.RequestId)
                : new ConsentState(p.Id, p.Key, p.NameZh, p.NameEn, p.IsEssential, ConsentStatus.Never, null, null, null, null))
            .ToList();
    }

    /// <summary>Every consent record of the person, newest first.</summary>
    public async Task<IReadOnlyList<ConsentHistoryEntry>> HistoryAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Set<ConsentRecord>().AsNoTracking().Where(r => r.SubjectId == subjectId)
            .Select(r => new ConsentHistoryEntry(r.Id, r.PurposeId, r.Purpose!.Key, r.Purpose.NameZh, r.Purpose.NameEn, r.Given, r.AtUtc, r.Channel, r.PolicyVersion, r.RecordedById, r.RequestId))
            .ToListAsync(cancellationToken);
        return records.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).ToList();
    }
}
