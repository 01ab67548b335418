using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Backups;

public sealed record BackupSetInput(int SystemId, DateTime? TakenAtUtc, DateTime? ExpiresAtUtc, string? Location);

public sealed record BackupSetRow(BackupSet Set, string SystemName);

/// <summary>One refused line; <see cref="Value"/> is what the line held, made printable (<see cref="Shared.TextFiles.Printable"/>).</summary>
public sealed record BackupImportError(int Line, string MessageKey, string? Value)
{
    public string? Value { get; } = Shared.TextFiles.Printable(Value);
}

public sealed record BackupPolicyInput(int SystemId, int EveryHours, int KeepDays, string? Location, DateTime? StartsAtUtc);

public sealed record BackupPolicyRow(BackupRotationPolicy Policy, string SystemName);

/// <summary>Per erased request: how many backup follow-ups are open and when the person is gone from every backup.</summary>
public sealed record ErasureBackupRow(long RequestId, string CaseNumber, long SubjectId, DateTime ErasedAtUtc, int Open, int Total, DateTime? GoneFromBackupsByUtc, bool Overdue);

public sealed record FollowUpSweep(int Closed, int Overdue);

public sealed record RestoreResult(FieldErrors Errors, BackupRestore? Restore);

/// <summary>
/// The backup register (statement 6.2): sets entered by an administrator, imported from a catalogue or recorded by
/// a rotation policy; one backup-deletion follow-up per set that still holds an erased person, closed when the set
/// is gone; and restores, which re-apply the erasures the restored set brought back.
/// </summary>
public sealed class BackupService(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectorTargets targets,
    SubjectDirectory directory,
    PortalTime portalTime,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time)
{
    public const string CsvHeader = "system,taken_at,expires_at,location";
    private const string CsvTimeFormat = "yyyy-MM-dd HH:mm";
    public const int MaxPolicySetsPerRun = 5000;

    public async Task<PagedResult<BackupSetRow>> SetsAsync(int? systemId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sets = db.Set<BackupSet>().AsNoTracking();
        if (systemId is { } id)
        {
            sets = sets.Where(s => s.SystemId == id);
        }
        var total = await sets.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, 100);
        var rows = await (from s in sets
                          join system in db.Set<DataSystem>() on s.SystemId equals system.Id
                          orderby s.TakenAtUtc descending, s.Id descending
                          select new BackupSetRow(s, system.Name)).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<BackupSetRow>(rows, total);
    }

    public async Task<IReadOnlyList<SystemOption>> SystemsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSystem>().AsNoTracking().OrderBy(s => s.Name).Select(s => new SystemOption(s.Id, s.Name)).ToListAsync(cancellationToken);
    }

    public async Task<(FieldErrors Errors, long? Id)> AddSetAsync(BackupSetInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = Validate(await db.Set<DataSystem>().AnyAsync(s => s.Id == input.SystemId, cancellationToken), input);
        if (errors.IsValid && await db.Set<BackupSet>().AnyAsync(s => s.SystemId == input.SystemId && s.TakenAtUtc == input.TakenAtUtc && s.Location == input.Location!.Trim(), cancellationToken))
        {
            errors["TakenAt"] = "Backups.Set.Duplicate";
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var set = NewSet(input, BackupSetSource.Manual);
        db.Add(set);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BackupActions.SetRecorded, targetType: BackupActions.Target, targetId: Id(set.Id),
            detail: new { set.SystemId, set.TakenAtUtc, set.ExpiresAtUtc, set.Location }, cancellationToken: cancellationToken);
        return (errors, set.Id);
    }

    private FieldErrors Validate(bool systemExists, BackupSetInput input)
    {
        var errors = new FieldErrors();
        if (!systemExists)
        {
            errors["SystemId"] = "Backups.Set.UnknownSystem";
        }
        if (input.TakenAtUtc is not { } taken)
        {
            errors["TakenAt"] = "Validation.Required";
        }
        else if (taken > time.GetUtcNow().UtcDateTime.AddMinutes(5))
        {
            errors["TakenAt"] = "Backups.Set.TakenInFuture";
        }
        if (input.ExpiresAtUtc is not { } expires)
        {
            errors["ExpiresAt"] = "Validation.Required";
        }
        else if (input.TakenAtUtc is { } t && expires <= t)
        {
            errors["ExpiresAt"] = "Backups.Set.ExpiresBeforeTaken";
        }
        var location = input.Location?.Trim() ?? "";
        if (location.Length == 0)
        {
            errors["Location"] = "Validation.Required";
        }
        else if (location.Length > 200)
        {
            errors["Location"] = "Validation.TooLong";
        }
        return errors;
    }

    private BackupSet NewSet(BackupSetInput input, BackupSetSource source, long? policyId = null) => new()
    {
        SystemId = input.SystemId,
        TakenAtUtc = input.TakenAtUtc!.Value,
        ExpiresAtUtc = input.ExpiresAtUtc!.Value,
        Location = input.Location!.Trim(),
        Source = source,
        PolicyId = policyId,
        CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        Version = 1,
    };

    /// <summary>
    /// Checks a catalogue (<see cref="CsvHeader"/>; times in the portal's time zone) row by row. Systems are named as
    /// the inventory names them (or by id). Nothing is returned to save unless every row is good.
    /// </summary>
    public async Task<(IReadOnlyList<BackupSetInput> Rows, IReadOnlyList<BackupImportError> Errors)> ParseCsvAsync(string text, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = await db.Set<DataSystem>().AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        var rows = new List<BackupSetInput>();
        var errors = new List<BackupImportError>();
        var seen = new HashSet<(int, DateTime, string)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0 || (i == 0 && line.StartsWith("system", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var cells = line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length != 4)
            {
                errors.Add(new(number, "Backups.Import.Columns", line));
                continue;
            }
            var system = systems.FirstOrDefault(s => s.Name == cells[0] || s.Id.ToString(CultureInfo.InvariantCulture) == cells[0]);
            DateTime? taken = ParseLocal(cells[1]);
            DateTime? expires = ParseLocal(cells[2]);
            if (system is null)
            {
                errors.Add(new(number, "Backups.Import.UnknownSystem", cells[0]));
                continue;
            }
            if (taken is null)
            {
                errors.Add(new(number, "Backups.Import.BadTime", cells[1]));
                continue;
            }
            if (expires is null)
            {
                errors.Add(new(number, "Backups.Import.BadTime", cells[2]));
                continue;
            }
            var input = new BackupSetInput(system.Id, taken, expires, cells[3]);
            var problems = Validate(true, input);
            if (!problems.IsValid)
            {
                var (field, key) = problems.First();
                errors.Add(new(number, key == "Validation.Required" ? "Backups.Import.LocationRequired" : key, field switch { "ExpiresAt" => cells[2], "TakenAt" => cells[1], _ => cells[3] }));
                continue;
            }
            if (!seen.Add((system.Id, taken.Value, cells[3])) || await db.Set<BackupSet>().AnyAsync(s => s.SystemId == system.Id && s.TakenAtUtc == taken && s.Location == cells[3], cancellationToken))
            {
                errors.Add(new(number, "Backups.Set.Duplicate", cells[1]));
                continue;
            }
            rows.Add(input);
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(0, "Backups.Import.Empty", null));
        }
        return (errors.Count == 0 ? rows : [], errors);
    }

    private DateTime? ParseLocal(string text) =>
        DateTime.TryParseExact(text, [CsvTimeFormat, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), portalTime.Zone)
            : null;

    /// <summary>Parses and, only when every row is good, saves the whole catalogue in one transaction.</summary>
    public async Task<(int Imported, IReadOnlyList<BackupImportError> Errors)> ImportCsvAsync(string text, CancellationToken cancellationToken = default)
    {
        var (rows, errors) = await ParseCsvAsync(text, cancellationToken);
        if (errors.Count > 0)
        {
            return (0, errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AddRange(rows.Select(r => NewSet(r, BackupSetSource.Import)));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BackupActions.SetsImported, targetType: BackupActions.Target, detail: new { rows = rows.Count, systems = rows.Select(r => r.SystemId).Distinct().ToArray() }, cancellationToken: cancellationToken);
        return (rows.Count, []);
    }

    /// <summary>The set was overwritten or destroyed early: from now it holds nothing.</summary>
    public async Task<bool> MarkRotatedAsync(long setId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Set<BackupSet>().Where(s => s.Id == setId && s.RotatedAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RotatedAtUtc, now).SetProperty(s => s.Version, s => s.Version + 1), cancellationToken);
        if (changed == 1)
        {
            await audit.RecordAsync(BackupActions.SetRotated, targetType: BackupActions.Target, targetId: Id(setId), detail: new { rotatedAt = now }, cancellationToken: cancellationToken);
        }
        return changed == 1;
    }

    public async Task<IReadOnlyList<BackupPolicyRow>> PoliciesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from p in db.Set<BackupRotationPolicy>().AsNoTracking()
                      join s in db.Set<DataSystem>() on p.SystemId equals s.Id
                      orderby s.Name
                      select new BackupPolicyRow(p, s.Name)).ToListAsync(cancellationToken);
    }

    public async Task<(FieldErrors Errors, long? Id)> AddPolicyAsync(BackupPolicyInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<DataSystem>().AnyAsync(s => s.Id == input.SystemId, cancellationToken))
        {
            errors["SystemId"] = "Backups.Set.UnknownSystem";
        }
        if (input.EveryHours is < 1 or > 24 * 366)
        {
            errors["EveryHours"] = "Backups.Policy.EveryRange";
        }
        if (input.KeepDays is < 1 or > 3660)
        {
            errors["KeepDays"] = "Backups.Policy.KeepRange";
        }
        var location = input.Location?.Trim() ?? "";
        if (location.Length is 0 or > 200)
        {
            errors["Location"] = location.Length == 0 ? "Validation.Required" : "Validation.TooLong";
        }
        if (input.StartsAtUtc is null)
        {
            errors["StartsAt"] = "Validation.Required";
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var policy = new BackupRotationPolicy
        {
            SystemId = input.SystemId, EveryHours = input.EveryHours, KeepDays = input.KeepDays, Location = location, StartsAtUtc = input.StartsAtUtc!.Value, Version = 1,
        };
        db.Add(policy);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(BackupActions.PolicySaved, targetType: "backup-policy", targetId: Id(policy.Id),
            detail: new { policy.SystemId, policy.EveryHours, policy.KeepDays, policy.Location, policy.StartsAtUtc }, cancellationToken: cancellationToken);
        await GeneratePolicySetsAsync(cancellationToken);
        return (errors, policy.Id);
    }

    /// <summary>
    /// Records the sets each active policy has made up to now (taken every N hours from its start, expiring N days
    /// later). Sets already expired are not recorded. Idempotent: continues from the last recorded set.
    /// </summary>
    public async Task<int> GeneratePolicySetsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var made = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var policy in await db.Set<BackupRotationPolicy>().Where(p => p.IsActive).ToListAsync(cancellationToken))
        {
            var step = TimeSpan.FromHours(policy.EveryHours);
            var next = policy.GeneratedUntilUtc is { } until ? until + step : policy.StartsAtUtc;
            // Sets that would already have expired are skipped: jump to the first one still alive.
            var firstAlive = now - TimeSpan.FromDays(policy.KeepDays);
            if (next < firstAlive)
            {
                next += step * Math.Ceiling((firstAlive - next) / step);
            }
            var count = 0;
            while (next <= now && count < MaxPolicySetsPerRun)
            {
                if (!await db.Set<BackupSet>().AnyAsync(s => s.SystemId == policy.SystemId && s.TakenAtUtc == next && s.Location == policy.Location, cancellationToken))
                {
                    db.Add(NewSet(new BackupSetInput(policy.SystemId, next, next.AddDays(policy.KeepDays), policy.Location), BackupSetSource.Policy, policy.Id));
                    count++;
                }
                policy.GeneratedUntilUtc = next;
                next += step;
            }
            made += count;
        }
        await db.SaveChangesAsync(cancellationToken);
        return made;
    }

    /// <summary>
    /// Called when an erasure is entered in the ledger: one follow-up per backup set of each reached system that
    /// was taken before the erasure and is not yet gone. A system the register knows no sets of gets one follow-up
    /// without a set, expected after <paramref name="fallbackDays"/> (the configured rotation), as before.
    /// Adds to <paramref name="db"/>; the caller saves.
    /// </summary>
    public static async Task AddFollowUpsAsync(PortalDbContext db, long ledgerEntryId, IReadOnlyCollection<int> systemIds, DateTime erasedAtUtc, int fallbackDays, CancellationToken cancellationToken = default)
    {
        var sets = await db.Set<BackupSet>().AsNoTracking()
            .Where(s => systemIds.Contains(s.SystemId) && s.TakenAtUtc <= erasedAtUtc && s.ExpiresAtUtc > erasedAtUtc && (s.RotatedAtUtc == null || s.RotatedAtUtc > erasedAtUtc))
            .Select(s => new { s.Id, s.SystemId, s.ExpiresAtUtc, s.RotatedAtUtc }).ToListAsync(cancellationToken);
        var known = await db.Set<BackupSet>().Where(s => systemIds.Contains(s.SystemId)).Select(s => s.SystemId).Distinct().ToListAsync(cancellationToken);
        foreach (var systemId in systemIds)
        {
            if (!known.Contains(systemId))
            {
                db.Add(new BackupDeletionFollowUp { LedgerEntryId = ledgerEntryId, SystemId = systemId, ExpectedByUtc = erasedAtUtc.AddDays(fallbackDays) });
                continue;
            }
            foreach (var set in sets.Where(s => s.SystemId == systemId))
            {
                var gone = set.RotatedAtUtc is { } r && r < set.ExpiresAtUtc ? r : set.ExpiresAtUtc;
                db.Add(new BackupDeletionFollowUp { LedgerEntryId = ledgerEntryId, SystemId = systemId, BackupSetId = set.Id, ExpectedByUtc = gone });
            }
        }
    }

    /// <summary>
    /// The daily sweep: follow-ups whose set has expired or been rotated are closed (the data is gone, statement
    /// 6.2) in one statement; open ones past their expected date are counted and raised in the audit trail.
    /// </summary>
    public async Task<FollowUpSweep> SweepFollowUpsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var closed = await db.Set<BackupDeletionFollowUp>()
            .Where(f => f.ClosedAtUtc == null && f.BackupSetId != null
                && db.Set<BackupSet>().Any(s => s.Id == f.BackupSetId && (s.ExpiresAtUtc <= now || (s.RotatedAtUtc != null && s.RotatedAtUtc <= now))))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.ClosedAtUtc, now).SetProperty(f => f.ClosedNote, "backup-set-gone"), cancellationToken);
        var overdue = await db.Set<BackupDeletionFollowUp>().Where(f => f.ClosedAtUtc == null && f.ExpectedByUtc < now).CountAsync(cancellationToken);
        if (closed > 0)
        {
            await audit.RecordAsync(BackupActions.FollowUpsClosed, detail: new { closed, at = now }, actorId: AuditActors.System, cancellationToken: cancellationToken);
        }
        if (overdue > 0)
        {
            var systems = await db.Set<BackupDeletionFollowUp>().Where(f => f.ClosedAtUtc == null && f.ExpectedByUtc < now).Select(f => f.SystemId).Distinct().ToListAsync(cancellationToken);
            await audit.RecordAsync(BackupActions.FollowUpsEscalated, outcome: AuditOutcome.Failure, detail: new { overdue, systems }, actorId: AuditActors.System, cancellationToken: cancellationToken);
        }
        return new FollowUpSweep(closed, overdue);
    }

    /// <summary>Erased requests, newest first, with the date the person is gone from every backup (the last open set's end).</summary>
    public async Task<PagedResult<ErasureBackupRow>> ErasuresAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Set<ErasureLedgerEntry>().CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, 100);
        var followUps = db.Set<BackupDeletionFollowUp>();
        var rows = await (from l in db.Set<ErasureLedgerEntry>()
                          join r in db.Set<DataSubjectRequest>() on l.RequestId equals r.Id
                          orderby l.ErasedAtUtc descending, l.Id descending
                          select new ErasureBackupRow(r.Id, r.CaseNumber, r.SubjectId, l.ErasedAtUtc,
                              followUps.Count(f => f.LedgerEntryId == l.Id && f.ClosedAtUtc == null),
                              followUps.Count(f => f.LedgerEntryId == l.Id),
                              followUps.Where(f => f.LedgerEntryId == l.Id).Max(f => (DateTime?)f.ExpectedByUtc),
                              followUps.Any(f => f.LedgerEntryId == l.Id && f.ClosedAtUtc == null && f.ExpectedByUtc < now)))
            .Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<ErasureBackupRow>(rows, total);
    }

    /// <summary>
    /// A set was restored into its system: every erasure of that system recorded after the set was taken is applied
    /// again, through the database connector, or as an erase task for the owner of any other system.
    /// </summary>
    public async Task<RestoreResult> RecordRestoreAsync(long setId, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var now = time.GetUtcNow().UtcDateTime;
        BackupSet? set;
        List<(ErasureLedgerEntry Entry, long SubjectId, string CaseNumber)> erasures;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            set = await db.Set<BackupSet>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == setId, cancellationToken);
            if (set is null)
            {
                errors["Set"] = "Backups.Set.NotFound";
                return new(errors, null);
            }
            var candidates = await (from l in db.Set<ErasureLedgerEntry>().AsNoTracking()
                                    join r in db.Set<DataSubjectRequest>() on l.RequestId equals r.Id
                                    where l.ErasedAtUtc >= set.TakenAtUtc
                                    orderby l.Id
                                    select new { l, r.SubjectId, r.CaseNumber }).ToListAsync(cancellationToken);
            var system = set.SystemId.ToString(CultureInfo.InvariantCulture);
            erasures = candidates.Where(c => c.l.SystemIds.Split(',').Contains(system)).Select(c => (c.l, c.SubjectId, c.CaseNumber)).ToList();
        }
        var restore = new BackupRestore { BackupSetId = set.Id, SystemId = set.SystemId, RestoredAtUtc = now, RecordedById = await actor.GetActorIdAsync(), Erasures = erasures.Count };
        var target = await targets.SystemAsync(set.SystemId, cancellationToken) ?? throw new InvalidOperationException($"System {set.SystemId} is gone.");
        var errorsSeen = new List<string>();
        foreach (var (entry, subjectId, caseNumber) in erasures)
        {
            if (target.ConnectorKind == ConnectorKind.Database)
            {
                var keys = await directory.KeysAsync(subjectId, cancellationToken);
                var outcome = await targets.ConnectorFor(ConnectorKind.Database).EraseAsync(targets.For(target), keys,
                    new OperationStepRef(entry.OperationId, 0, OperationKind.Erase, $"restore of backup set {set.Id}"), cancellationToken);
                if (outcome.Status == StepStatus.Done)
                {
                    restore.Reapplied++;
                }
                else
                {
                    restore.Failed++;
                    errorsSeen.Add(outcome.Error ?? "failed");
                }
                await audit.RecordAsync(BackupActions.ErasureReapplied, outcome: outcome.Status == StepStatus.Done ? AuditOutcome.Success : AuditOutcome.Failure,
                    targetType: BackupActions.Target, targetId: Id(set.Id), subjectId: SubjectDirectory.Id(subjectId),
                    detail: new { ledgerEntry = entry.Id, entry.RequestId, systemId = set.SystemId, rows = outcome.Rows, error = outcome.Error }, cancellationToken: cancellationToken);
            }
            else
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                db.Add(new ConnectorTask
                {
                    SystemId = set.SystemId,
                    SubjectId = subjectId,
                    Kind = ConnectorTaskKind.Erase,
                    Status = ConnectorTaskStatus.Open,
                    Checklist = ConnectorTaskService.NormalizeChecklist(
                        $"备份集 #{set.Id} 已恢复：请再次删除该个人信息主体的数据（权利请求 {caseNumber}）\n{target.ManualChecklist}"),
                    CreatedAtUtc = now,
                    Version = 1,
                });
                await db.SaveChangesAsync(cancellationToken);
                restore.TasksCreated++;
                await audit.RecordAsync(BackupActions.ErasureReapplied, targetType: BackupActions.Target, targetId: Id(set.Id), subjectId: SubjectDirectory.Id(subjectId),
                    detail: new { ledgerEntry = entry.Id, entry.RequestId, systemId = set.SystemId, task = true }, cancellationToken: cancellationToken);
            }
        }
        var error = Masking.Scrub(string.Join("; ", errorsSeen.Distinct()));
        restore.Error = errorsSeen.Count == 0 ? null : error[..Math.Min(1000, error.Length)];
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Add(restore);
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.RecordAsync(BackupActions.Restored, outcome: restore.Failed == 0 ? AuditOutcome.Success : AuditOutcome.Failure, targetType: BackupActions.Target, targetId: Id(set.Id),
            detail: new { restoreId = restore.Id, set.SystemId, restore.Erasures, restore.Reapplied, restore.TasksCreated, restore.Failed }, cancellationToken: cancellationToken);
        return new(errors, restore);
    }

    public async Task<IReadOnlyList<BackupRestore>> RestoresAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<BackupRestore>().AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(cancellationToken);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Hangfire entry point: policies record their sets, then follow-ups are closed and escalated.</summary>
public sealed class BackupFollowUpJob(BackupService backups, Jobs.JobClaims claims, PortalTime portalTime)
{
    public const string JobName = "backup-follow-ups";

    public Task RunAsync(CancellationToken cancellationToken) =>
        claims.RunOnceAsync(JobName, portalTime.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TimeSpan.FromMinutes(30), async ct =>
        {
            await backups.GeneratePolicySetsAsync(ct);
            await backups.SweepFollowUpsAsync(ct);
        }, cancellationToken);
}
