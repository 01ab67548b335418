using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.Cases.Retention;

/// <param name="Subjects">Subject references (S-000123) or numeric ids, one per entry.</param>
public sealed record LegalHoldInput(LegalHoldScope Scope, LegalHoldReason? Reason, string? Reference, int? SystemId, string? CategoryKey,
    IReadOnlyList<string> Subjects, string? OwnerId, DateTime? ReviewByUtc);

public sealed record LegalHoldRow(LegalHold Hold, string? SystemName, string OwnerName, IReadOnlyList<long> SubjectIds, bool ReviewOverdue)
{
    public string Code => LegalHoldService.Code(Hold.Id);
}

public sealed record StaffOption(string Id, string Name);

/// <summary>The held subjects' identifiers for a purge, and the holds that hold them.</summary>
public sealed record HeldSubjects(IReadOnlyList<SubjectKeys> Keys, IReadOnlyList<long> HoldIds);

/// <summary>Legal holds (法律保全): placed with a reason from the statement's exceptions, released with a note; both audited.</summary>
public sealed class LegalHoldService(
    IDbContextFactory<PortalDbContext> contexts,
    SubjectDirectory directory,
    NotificationOutbox outbox,
    PortalTime portalTime,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time, AccessGuard access)
{
    public static string Code(long id) => $"LH-{id:D6}";

    public async Task<IReadOnlyList<LegalHoldRow>> ListAsync(bool includeReleased, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Set<LegalHold>().AsNoTracking().Include(h => h.Subjects).AsQueryable();
        if (!includeReleased)
        {
            query = query.Where(h => h.ReleasedAtUtc == null);
        }
        var holds = await query.OrderByDescending(h => h.Id).Take(500).ToListAsync(cancellationToken);
        var systems = await db.Set<DataSystem>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var ownerIds = holds.Select(h => h.OwnerId).Distinct().ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return holds.Select(h => new LegalHoldRow(h, h.SystemId is { } s ? systems.GetValueOrDefault(s) : null, owners.GetValueOrDefault(h.OwnerId, "—"),
            h.Subjects.Select(s => s.SubjectId).OrderBy(s => s).ToList(), h.IsActive && h.ReviewByUtc < now)).ToList();
    }

    /// <summary>Compliance officers who can own a hold.</summary>
    public async Task<IReadOnlyList<StaffOption>> OwnersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == Security.Roles.ComplianceOfficer && u.IsActive
                      orderby u.DisplayName
                      select new StaffOption(u.Id, u.DisplayName)).Distinct().ToListAsync(cancellationToken);
    }

    public async Task<(FieldErrors Errors, long? Id)> PlaceAsync(LegalHoldInput input, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "holds.place");
        var errors = new FieldErrors();
        var reference = input.Reference?.Trim() ?? "";
        var now = time.GetUtcNow().UtcDateTime;
        if (input.Reason is null)
        {
            errors["Reason"] = "Retention.Hold.ReasonRequired";
        }
        if (reference.Length == 0)
        {
            errors["Reference"] = "Validation.Required";
        }
        else if (reference.Length > 300)
        {
            errors["Reference"] = "Validation.TooLong";
        }
        if (input.ReviewByUtc is not { } review || review <= now)
        {
            errors["ReviewBy"] = "Retention.Hold.ReviewInFuture";
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (string.IsNullOrEmpty(input.OwnerId) || !await db.Users.AnyAsync(u => u.Id == input.OwnerId && u.IsActive, cancellationToken))
        {
            errors["Owner"] = "Retention.Hold.OwnerRequired";
        }
        var subjectIds = new List<long>();
        string? category = null;
        if (input.Scope == LegalHoldScope.Subjects)
        {
            foreach (var text in input.Subjects.Select(s => s.Trim()).Where(s => s.Length > 0))
            {
                var digits = text.StartsWith("S-", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
                if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !await db.Set<DataSubject>().AnyAsync(s => s.Id == id, cancellationToken))
                {
                    errors["Subjects"] = "Retention.Hold.UnknownSubject";
                    break;
                }
                subjectIds.Add(id);
            }
            if (subjectIds.Count == 0 && !errors.ContainsKey("Subjects"))
            {
                errors["Subjects"] = "Retention.Hold.SubjectsRequired";
            }
        }
        else
        {
            var system = input.SystemId is { } systemId
                ? await db.Set<DataSystem>().AsNoTracking().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken)
                : null;
            if (system is null)
            {
                errors["SystemId"] = "Retention.Rule.UnknownSystem";
            }
            else if (!string.IsNullOrWhiteSpace(input.CategoryKey))
            {
                category = input.CategoryKey.Trim();
                if (!system.Categories.Any(c => c.Key == category))
                {
                    errors["CategoryKey"] = "Retention.Hold.UnknownCategory";
                }
            }
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var hold = new LegalHold
        {
            Scope = input.Scope,
            Reason = input.Reason!.Value,
            Reference = reference,
            SystemId = input.Scope == LegalHoldScope.System ? input.SystemId : null,
            CategoryKey = category,
            Subjects = subjectIds.Distinct().Select(id => new LegalHoldSubject { SubjectId = id }).ToList(),
            OwnerId = input.OwnerId!,
            ReviewByUtc = input.ReviewByUtc!.Value,
            CreatedAtUtc = now,
            CreatedById = await actor.GetActorIdAsync(),
            Version = 1,
        };
        db.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        var detail = new { scope = hold.Scope.ToString(), reason = hold.Reason.ToString(), hold.SystemId, hold.CategoryKey, subjects = subjectIds, hold.ReviewByUtc, hold.OwnerId };
        await audit.RecordAsync(RetentionActions.HoldPlaced, targetType: RetentionActions.HoldTarget, targetId: RetentionService.Id(hold.Id), detail: detail, cancellationToken: cancellationToken);
        foreach (var subjectId in subjectIds.Distinct())
        {
            // One event per person too, so the subject's own history shows the hold.
            await audit.RecordAsync(RetentionActions.HoldPlaced, targetType: RetentionActions.HoldTarget, targetId: RetentionService.Id(hold.Id), subjectId: SubjectDirectory.Id(subjectId),
                detail: new { reason = hold.Reason.ToString() }, cancellationToken: cancellationToken);
        }
        return (errors, hold.Id);
    }

    /// <summary>Ends a hold; the note says why (matter closed, order lifted). From now on purges and erasures reach the records again.</summary>
    public async Task<(FieldErrors Errors, bool Conflict)> ReleaseAsync(long id, int version, string? note, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "holds.release");
        var errors = new FieldErrors();
        note = note?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors["ReleaseNote"] = "Validation.Required";
        }
        else if (note.Length > 500)
        {
            errors["ReleaseNote"] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return (errors, false);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hold = await db.Set<LegalHold>().Include(h => h.Subjects).SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (hold is null || !hold.IsActive || !db.TryClaim(hold, version))
        {
            return (errors, true);
        }
        hold.ReleasedAtUtc = time.GetUtcNow().UtcDateTime;
        hold.ReleasedById = await actor.GetActorIdAsync();
        hold.ReleaseNote = note;
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, true);
        }
        await audit.RecordAsync(RetentionActions.HoldReleased, targetType: RetentionActions.HoldTarget, targetId: RetentionService.Id(hold.Id),
            detail: new { scope = hold.Scope.ToString(), subjects = hold.Subjects.Select(s => s.SubjectId).ToArray(), hold.SystemId, noteLength = note.Length }, cancellationToken: cancellationToken);
        return (errors, false);
    }

    /// <summary>Active holds naming this subject (an erasure for them must wait and say why).</summary>
    public async Task<IReadOnlyList<LegalHold>> ActiveForSubjectAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<LegalHold>().AsNoTracking()
            .Where(h => h.ReleasedAtUtc == null && h.Scope == LegalHoldScope.Subjects && h.Subjects.Any(s => s.SubjectId == subjectId))
            .OrderBy(h => h.Id).ToListAsync(cancellationToken);
    }

    /// <summary>For the erasure of a request: the ids of active holds naming the subject, in the caller's context.</summary>
    public static Task<List<long>> HoldIdsForSubjectAsync(PortalDbContext db, long subjectId, CancellationToken cancellationToken = default) =>
        db.Set<LegalHold>().Where(h => h.ReleasedAtUtc == null && h.Scope == LegalHoldScope.Subjects && h.Subjects.Any(s => s.SubjectId == subjectId))
            .OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(cancellationToken);

    /// <summary>Active holds on a whole system, or on one of <paramref name="categoryKeys"/> in it.</summary>
    public async Task<IReadOnlyList<long>> SystemHoldsAsync(int systemId, IReadOnlyCollection<string> categoryKeys, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<LegalHold>().AsNoTracking()
            .Where(h => h.ReleasedAtUtc == null && h.Scope == LegalHoldScope.System && h.SystemId == systemId && (h.CategoryKey == null || categoryKeys.Contains(h.CategoryKey)))
            .OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Everyone under an active subject hold, with their identifiers, so a purge can leave their rows alone.</summary>
    public async Task<HeldSubjects> HeldSubjectKeysAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var held = await (from s in db.Set<LegalHoldSubject>()
                          join h in db.Set<LegalHold>() on s.HoldId equals h.Id
                          where h.ReleasedAtUtc == null
                          select new { s.SubjectId, s.HoldId }).ToListAsync(cancellationToken);
        var keys = new List<SubjectKeys>();
        foreach (var subjectId in held.Select(h => h.SubjectId).Distinct())
        {
            keys.Add(await directory.KeysAsync(subjectId, cancellationToken));
        }
        return new HeldSubjects(keys, held.Select(h => h.HoldId).Distinct().Order().ToList());
    }

    /// <summary>
    /// Holds past their review date are raised to their owner by e-mail (the clock-alert template) once per review
    /// date; the owner reviews, then releases or sets a new date. Returns how many were raised.
    /// </summary>
    public async Task<int> RaiseOverdueReviewsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Set<LegalHold>().Where(h => h.ReleasedAtUtc == null && h.ReviewByUtc < now && (h.ReviewRaisedAtUtc == null || h.ReviewRaisedAtUtc < h.ReviewByUtc))
            .OrderBy(h => h.Id).Take(500).ToListAsync(cancellationToken);
        var raised = new List<LegalHold>();
        foreach (var hold in due)
        {
            var email = await db.Users.Where(u => u.Id == hold.OwnerId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            // A conditional update claims the hold, so two instances never send the same reminder.
            var claimed = await db.Set<LegalHold>().Where(h => h.Id == hold.Id && (h.ReviewRaisedAtUtc == null || h.ReviewRaisedAtUtc < h.ReviewByUtc))
                .ExecuteUpdateAsync(u => u.SetProperty(h => h.ReviewRaisedAtUtc, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }
            if (!string.IsNullOrEmpty(email))
            {
                await outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Email, NotificationPurposes.ClockAlert, NotificationLanguages.Chinese, email,
                    new Dictionary<string, string>
                    {
                        ["status"] = "复核已逾期",
                        ["obligation"] = "法律保全复核",
                        ["reference"] = $"法律保全 · {Code(hold.Id)}",
                        ["due"] = portalTime.ToLocal(hold.ReviewByUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        ["source"] = hold.Reason.ToString(),
                    }, CorrelationId: $"legal-hold:{hold.Id}:review:{hold.ReviewByUtc:yyyyMMdd}"), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            raised.Add(hold);
        }
        foreach (var hold in raised)
        {
            await audit.RecordAsync(RetentionActions.HoldReviewOverdue, targetType: RetentionActions.HoldTarget, targetId: RetentionService.Id(hold.Id),
                detail: new { hold.ReviewByUtc, hold.OwnerId }, actorId: AuditActors.System, cancellationToken: cancellationToken);
        }
        return raised.Count;
    }
}
