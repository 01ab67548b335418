using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Shared;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.Cases.Retention;

public sealed record RetentionRuleInput(long? Id, int SystemId, string? Table, int Period, RetentionUnit Unit, RetentionBasis? Basis, string? BasisNote, int Version,
    PurgeAnchor Anchor = PurgeAnchor.RecordTime);

public sealed record RetentionRuleRow(RetentionRule Rule, string SystemName, ConnectorKind Connector, IReadOnlyList<string> CategoryKeys, int LegalMinimumMonths, PurgeRun? LastRun);

/// <param name="Anchors">What a rule on this table can count from: the record's timestamp, the closing of its account, or both.</param>
public sealed record RetentionTableOption(int SystemId, string SystemName, ConnectorKind Connector, string Table, IReadOnlyList<string> CategoryKeys, IReadOnlyList<PurgeAnchor> Anchors)
{
    /// <summary>The categories as staff name them, in the UI language.</summary>
    public IReadOnlyList<string> CategoryNames { get; init; } = [];
}

public sealed record PurgeRunRow(PurgeRun Run, long RuleId, string SystemName, string Table);

public sealed record DryRunResult(PurgeCounts? Counts, DateTime CutoffUtc, IReadOnlyList<long> SystemHolds, string? Error);

/// <summary>Retention rules: validated (legal minimum included), dry-run, activated and paused by officers; every change audited.</summary>
public sealed class RetentionService(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectorTargets targets,
    DatabaseConnector database,
    LegalHoldService holds,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time, AccessGuard access)
{
    public async Task<IReadOnlyList<RetentionRuleRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.Set<RetentionRule>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var systems = await db.Set<DataSystem>().AsNoTracking().Include(s => s.Categories).ToDictionaryAsync(s => s.Id, cancellationToken);
        var ruleIds = rules.Select(r => r.Id).ToList();
        var lastRuns = await db.Set<PurgeRun>().AsNoTracking().Where(p => ruleIds.Contains(p.RuleId))
            .GroupBy(p => p.RuleId).Select(g => g.OrderByDescending(p => p.Id).First()).ToListAsync(cancellationToken);
        return rules.Select(r =>
        {
            var system = systems[r.SystemId];
            var categories = CategoriesOf(system, r.Table);
            return new RetentionRuleRow(r, system.Name, system.ConnectorKind, categories, LegalMinimums.MonthsFor(categories), lastRuns.FirstOrDefault(p => p.RuleId == r.Id));
        }).ToList();
    }

    public async Task<RetentionRule?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<RetentionRule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>What a rule can be about: each database table with a timestamp or account-closed column; one entry per other system.</summary>
    public async Task<IReadOnlyList<RetentionTableOption>> TablesAsync(CancellationToken cancellationToken = default)
    {
        var options = new List<RetentionTableOption>();
        var chinese = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        Dictionary<string, string> names;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            names = (await db.Set<DataCategory>().AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(c => c.Key, c => c.Name(chinese));
        }
        IReadOnlyList<string> Named(IEnumerable<string> keys) => keys.Select(k => names.GetValueOrDefault(k, k)).ToList();
        foreach (var system in await targets.ActiveSystemsAsync(cancellationToken))
        {
            if (system.ConnectorKind == ConnectorKind.Database)
            {
                foreach (var table in DatabaseMapping.FromJson(system.MappingJson).Tables)
                {
                    var anchors = Anchors(table);
                    if (anchors.Count > 0)
                    {
                        options.Add(new(system.Id, system.Name, system.ConnectorKind, table.Table, table.CategoryColumns.Keys.ToList(), anchors) { CategoryNames = Named(table.CategoryColumns.Keys) });
                    }
                }
            }
            else
            {
                options.Add(new(system.Id, system.Name, system.ConnectorKind, "", system.Categories.Select(c => c.Key).ToList(), Enum.GetValues<PurgeAnchor>())
                {
                    CategoryNames = Named(system.Categories.Select(c => c.Key)),
                });
            }
        }
        return options;
    }

    /// <summary>The anchors a database table offers: its timestamp column, its account-closed column.</summary>
    private static List<PurgeAnchor> Anchors(TableMapping table)
    {
        var anchors = new List<PurgeAnchor>();
        if (table.TimestampColumn is not null)
        {
            anchors.Add(PurgeAnchor.RecordTime);
        }
        if (table.AccountClosedColumn is not null)
        {
            anchors.Add(PurgeAnchor.AccountClosed);
        }
        return anchors;
    }

    /// <summary>The categories a rule's records hold: the table's mapped categories, or the whole system's.</summary>
    public static IReadOnlyList<string> CategoriesOf(DataSystem system, string table) =>
        system.ConnectorKind == ConnectorKind.Database
            ? DatabaseMapping.FromJson(system.MappingJson).Tables.FirstOrDefault(t => string.Equals(t.Table, table, StringComparison.OrdinalIgnoreCase))?.CategoryColumns.Keys.ToList() ?? []
            : system.Categories.Select(c => c.Key).ToList();

    /// <summary>Creates or changes a rule. A change puts it back to draft: it needs a new dry run before it runs again.</summary>
    public async Task<(FieldErrors Errors, bool Conflict, long? Id)> SaveAsync(RetentionRuleInput input, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "retention.save");
        var errors = new FieldErrors();
        var table = input.Table?.Trim() ?? "";
        var note = input.BasisNote?.Trim() ?? "";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.Set<DataSystem>().AsNoTracking().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == input.SystemId, cancellationToken);
        if (system is null)
        {
            errors["SystemId"] = "Retention.Rule.UnknownSystem";
        }
        else if (system.ConnectorKind == ConnectorKind.Database)
        {
            var mapped = DatabaseMapping.FromJson(system.MappingJson).Tables.FirstOrDefault(t => string.Equals(t.Table, table, StringComparison.OrdinalIgnoreCase));
            if (mapped is null)
            {
                errors["Table"] = "Retention.Rule.UnknownTable";
            }
            else if (!Anchors(mapped).Contains(input.Anchor))
            {
                errors["Table"] = input.Anchor == PurgeAnchor.AccountClosed ? "Retention.Rule.NoAccountClosed" : "Retention.Rule.NoTimestamp";
            }
            else
            {
                table = mapped.Table;
            }
        }
        else if (table.Length == 0)
        {
            errors["Table"] = "Validation.Required";
        }
        else if (table.Length > 128)
        {
            errors["Table"] = "Validation.TooLong";
        }
        if (input.Period < 1 || input.Period > (input.Unit == RetentionUnit.Days ? 36_500 : 1_200))
        {
            errors["Period"] = "Retention.Rule.PeriodRange";
        }
        else if (system is not null && !errors.ContainsKey("Table"))
        {
            var minimum = LegalMinimums.MonthsFor(CategoriesOf(system, table));
            if (!LegalMinimums.Meets(time.GetUtcNow().UtcDateTime, input.Period, input.Unit, minimum))
            {
                errors["Period"] = "Retention.Rule.BelowMinimum";
            }
        }
        if (input.Basis is null)
        {
            errors["Basis"] = "Validation.Required";
        }
        if (note.Length == 0)
        {
            errors["BasisNote"] = "Validation.Required";
        }
        else if (note.Length > 300)
        {
            errors["BasisNote"] = "Validation.TooLong";
        }
        if (!Enum.IsDefined(input.Anchor))
        {
            errors["Anchor"] = "Validation.Required";
        }
        if (errors.IsValid && await db.Set<RetentionRule>().AnyAsync(r => r.SystemId == input.SystemId && r.Table == table && r.Id != (input.Id ?? 0), cancellationToken))
        {
            errors["Table"] = "Retention.Rule.Duplicate";
        }
        if (!errors.IsValid)
        {
            return (errors, false, null);
        }

        RetentionRule rule;
        if (input.Id is { } id)
        {
            var found = await db.Set<RetentionRule>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (found is null)
            {
                return (errors, true, null);
            }
            rule = found;
            if (!db.TryClaim(rule, input.Version))
            {
                return (errors, true, null);
            }
        }
        else
        {
            rule = new RetentionRule { CreatedAtUtc = time.GetUtcNow().UtcDateTime, Version = 1 };
            db.Add(rule);
        }
        rule.SystemId = input.SystemId;
        rule.Table = table;
        rule.Period = input.Period;
        rule.Unit = input.Unit;
        rule.Anchor = input.Anchor;
        rule.Basis = input.Basis!.Value;
        rule.BasisNote = note;
        rule.Status = RetentionRuleStatus.Draft;
        rule.DryRunAtUtc = null;
        rule.DryRunExpired = null;
        rule.DryRunHeld = null;
        rule.DryRunOldestKeptUtc = null;
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, true, null);
        }
        await audit.RecordAsync(RetentionActions.RuleSaved, targetType: RetentionActions.RuleTarget, targetId: Id(rule.Id),
            detail: new { rule.SystemId, rule.Table, rule.Period, unit = rule.Unit.ToString(), anchor = rule.Anchor.ToString(), basis = rule.Basis.ToString(), rule.BasisNote }, cancellationToken: cancellationToken);
        return (errors, false, rule.Id);
    }

    /// <summary>Counts, without deleting, what the rule would purge now and what holds keep; recorded on the rule.</summary>
    public async Task<DryRunResult?> DryRunAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.Set<RetentionRule>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return null;
        }
        var system = await targets.SystemAsync(rule.SystemId, cancellationToken) ?? throw new InvalidOperationException($"System {rule.SystemId} is gone.");
        var now = time.GetUtcNow().UtcDateTime;
        var categories = CategoriesOf(system, rule.Table);
        var cutoff = LegalMinimums.Cutoff(now, rule.Period, rule.Unit, LegalMinimums.MonthsFor(categories));
        var systemHolds = await holds.SystemHoldsAsync(rule.SystemId, categories, cancellationToken);
        PurgeCounts? counts = null;
        string? error = null;
        if (system.ConnectorKind == ConnectorKind.Database)
        {
            try
            {
                var held = await holds.HeldSubjectKeysAsync(cancellationToken);
                await using var purge = await database.OpenPurgeAsync(targets.For(system), rule.Table, rule.Anchor, cutoff, held.Keys, cancellationToken);
                counts = await purge.CountAsync(cancellationToken);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                error = Masking.Scrub(e.Message);
            }
        }
        rule.DryRunAtUtc = now;
        rule.DryRunExpired = counts?.Expired;
        rule.DryRunHeld = counts?.Held;
        rule.DryRunOldestKeptUtc = counts?.OldestKeptUtc;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(RetentionActions.RuleDryRun, outcome: error is null ? AuditOutcome.Success : AuditOutcome.Failure, targetType: RetentionActions.RuleTarget, targetId: Id(rule.Id),
            detail: new { cutoff, expired = counts?.Expired, held = counts?.Held, oldestKept = counts?.OldestKeptUtc, systemHolds, error }, cancellationToken: cancellationToken);
        return new DryRunResult(counts, cutoff, systemHolds, error);
    }

    /// <summary>An officer activates a rule after its dry run; from then the purge job applies it.</summary>
    public Task<(FieldErrors Errors, bool Conflict)> ActivateAsync(long id, int version, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, version, RetentionRuleStatus.Active, cancellationToken);

    public Task<(FieldErrors Errors, bool Conflict)> PauseAsync(long id, int version, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, version, RetentionRuleStatus.Paused, cancellationToken);

    private async Task<(FieldErrors Errors, bool Conflict)> ChangeStatusAsync(long id, int version, RetentionRuleStatus status, CancellationToken cancellationToken)
    {
        await access.RequireAsync(Policies.Compliance, "retention.status");
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.Set<RetentionRule>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null || rule.Version != version)
        {
            return (errors, true);
        }
        if (status == RetentionRuleStatus.Active && rule.DryRunAtUtc is null)
        {
            errors["Status"] = "Retention.Rule.DryRunFirst";
            return (errors, false);
        }
        if (!db.TryClaim(rule, version))
        {
            return (errors, true);
        }
        rule.Status = status;
        rule.LastError = status == RetentionRuleStatus.Active ? null : rule.LastError;
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, true);
        }
        await audit.RecordAsync(status == RetentionRuleStatus.Active ? RetentionActions.RuleActivated : RetentionActions.RulePaused,
            targetType: RetentionActions.RuleTarget, targetId: Id(rule.Id), detail: new { rule.SystemId, rule.Table, rule.Period, unit = rule.Unit.ToString() }, cancellationToken: cancellationToken);
        return (errors, false);
    }

    public async Task<PagedResult<PurgeRunRow>> RunsAsync(long? ruleId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.Set<PurgeRun>().AsNoTracking();
        if (ruleId is { } id)
        {
            runs = runs.Where(r => r.RuleId == id);
        }
        var total = await runs.CountAsync(cancellationToken);
        var size = Math.Clamp(pageSize, 1, 100);
        var rows = await (from run in runs
                          join rule in db.Set<RetentionRule>() on run.RuleId equals rule.Id
                          join system in db.Set<DataSystem>() on rule.SystemId equals system.Id
                          orderby run.Id descending
                          select new PurgeRunRow(run, rule.Id, system.Name, rule.Table)).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<PurgeRunRow>(rows, total);
    }

    /// <summary>The owner of a manual or HTTP system reports the purge done: evidence required, run completed, audited.</summary>
    public async Task<FieldErrors> RecordOwnerPurgeAsync(long runId, string? evidenceNote, long? rows, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var note = evidenceNote?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors["EvidenceNote"] = "Validation.Required";
        }
        else if (note.Length > 2000)
        {
            errors["EvidenceNote"] = "Validation.TooLong";
        }
        if (rows is < 0)
        {
            errors["Rows"] = "Retention.Run.RowsRange";
        }
        if (!errors.IsValid)
        {
            return errors;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var actorId = await actor.GetActorIdAsync();
        var done = await db.Set<PurgeRun>().Where(r => r.Id == runId && r.Status == PurgeRunStatus.AwaitingOwner)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, PurgeRunStatus.Completed).SetProperty(r => r.EvidenceNote, note)
                .SetProperty(r => r.RowsDeleted, rows ?? 0).SetProperty(r => r.FinishedAtUtc, now).SetProperty(r => r.CompletedById, actorId), cancellationToken);
        if (done == 0)
        {
            errors["EvidenceNote"] = "Retention.Run.NotAwaiting";
            return errors;
        }
        var ruleId = await db.Set<PurgeRun>().Where(r => r.Id == runId).Select(r => r.RuleId).SingleAsync(cancellationToken);
        await audit.RecordAsync(RetentionActions.OwnerPurgeRecorded, targetType: RetentionActions.RuleTarget, targetId: Id(ruleId),
            detail: new { runId, rows, evidenceLength = note.Length }, cancellationToken: cancellationToken);
        return errors;
    }

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
