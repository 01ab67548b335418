using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Retention;

/// <summary>
/// Applies active retention rules. Each rule is claimed with a conditional update (a lease renewed every batch),
/// so two instances never run it at once; a run left behind by a stopped instance is resumed with its cutoff, and
/// its count is exact because it is taken from the rows left, not added up from batches that may not have been
/// recorded. A connector error stops that rule only.
/// </summary>
public sealed class PurgeRunner(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectorTargets targets,
    DatabaseConnector database,
    LegalHoldService holds,
    IOptions<RetentionOptions> options,
    AuditTrail audit,
    TimeProvider time,
    ILogger<PurgeRunner> log)
{
    /// <summary>How often a running purge records its progress and renews its lease (well inside the lease).</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);


    /// <summary>Runs every active rule in turn; returns the runs made.</summary>
    public async Task<IReadOnlyList<PurgeRun>> RunAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RunRulesAsync(await db.Set<RetentionRule>().Where(r => r.Status == RetentionRuleStatus.Active).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Rules with a run that a stopped instance left unfinished: resumed by the recurring "retention-resume" job.</summary>
    public async Task<IReadOnlyList<PurgeRun>> ResumeOrphanedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await RunRulesAsync(await db.Set<PurgeRun>().Where(p => p.Status == PurgeRunStatus.Running).Select(p => p.RuleId).Distinct().ToListAsync(cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<PurgeRun>> RunRulesAsync(IEnumerable<long> ruleIds, CancellationToken cancellationToken)
    {
        var runs = new List<PurgeRun>();
        foreach (var id in ruleIds)
        {
            if (await RunRuleAsync(id, cancellationToken) is { } run)
            {
                runs.Add(run);
            }
        }
        return runs;
    }

    /// <summary>Applies one rule now. Null when it is not active or another running instance holds it.</summary>
    public async Task<PurgeRun?> RunRuleAsync(long ruleId, CancellationToken cancellationToken = default, string? instance = null)
    {
        instance ??= InstanceIdentity.Current;
        var lease = TimeSpan.FromSeconds(Math.Max(10, options.Value.LeaseSeconds));
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Set<RetentionRule>()
            .Where(r => r.Id == ruleId && r.Status == RetentionRuleStatus.Active && (r.ClaimedUntilUtc == null || r.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedBy, instance).SetProperty(r => r.ClaimedUntilUtc, now + lease), cancellationToken);
        if (claimed == 0)
        {
            // Held, but perhaps by a process that is provably gone (it died on this machine): take it over at once.
            var holder = await db.Set<RetentionRule>().Where(r => r.Id == ruleId).Select(r => r.ClaimedBy).SingleOrDefaultAsync(cancellationToken);
            if (holder is null || !InstanceIdentity.IsGone(holder))
            {
                return null;
            }
            claimed = await db.Set<RetentionRule>()
                .Where(r => r.Id == ruleId && r.Status == RetentionRuleStatus.Active && r.ClaimedBy == holder)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedBy, instance).SetProperty(r => r.ClaimedUntilUtc, now + lease), cancellationToken);
            if (claimed == 0)
            {
                return null;
            }
            log.LogWarning("Retention rule {RuleId}: taken over from {Holder}, which is no longer running", ruleId, holder);
        }
        var rule = await db.Set<RetentionRule>().AsNoTracking().SingleAsync(r => r.Id == ruleId, cancellationToken);
        PurgeRun? run = null;
        try
        {
            var system = await targets.SystemAsync(rule.SystemId, cancellationToken) ?? throw new InvalidOperationException($"System {rule.SystemId} is gone.");
            var categories = RetentionService.CategoriesOf(system, rule.Table);
            if (system.ConnectorKind != ConnectorKind.Database)
            {
                return await OwnerTaskAsync(db, rule, categories, now, cancellationToken);
            }
            // A run a stopped instance left behind continues with its own cutoff, and its history says so.
            run = await db.Set<PurgeRun>().Where(p => p.RuleId == ruleId && p.Status == PurgeRunStatus.Running).OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
            if (run is not null)
            {
                run.Resumptions++;
                run.LastResumedAtUtc = now;
                await db.SaveChangesAsync(cancellationToken);
                await audit.RecordAsync(RetentionActions.PurgeResumed, targetType: RetentionActions.RuleTarget, targetId: RetentionService.Id(ruleId),
                    detail: new { runId = run.Id, run.Resumptions, rowsSoFar = run.RowsDeleted, run.Batches }, actorId: AuditActors.System, cancellationToken: cancellationToken);
            }
            var durationBefore = run?.DurationMs ?? 0;
            var target = targets.For(system);
            var held = await holds.HeldSubjectKeysAsync(cancellationToken);
            var systemHolds = await holds.SystemHoldsAsync(rule.SystemId, categories, cancellationToken);
            var cutoff = run?.CutoffUtc ?? LegalMinimums.Cutoff(now, rule.Period, rule.Unit, LegalMinimums.MonthsFor(categories));
            var watch = Stopwatch.StartNew();
            if (systemHolds.Count > 0)
            {
                run ??= NewRun(db, ruleId, cutoff, now);
                run.Status = PurgeRunStatus.Held;
                run.HoldIds = string.Join(',', systemHolds);
            }
            else
            {
                // One connection, checked against the schema once, for the counts and every batch.
                await using var purge = await database.OpenPurgeAsync(target, rule.Table, rule.Anchor, cutoff, held.Keys, cancellationToken);
                if (run is null)
                {
                    run = NewRun(db, ruleId, cutoff, now);
                    // Counted before the first batch and saved with the run: the exact count rests on it.
                    run.ExpiredAtStart = (await purge.CountAsync(cancellationToken)).Expired;
                    await db.SaveChangesAsync(cancellationToken);
                }
                var size = Math.Clamp(options.Value.BatchSize, 1, DatabaseConnector.MaxBatchSize);
                var minimumPause = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.PauseMilliseconds));
                var pauseShare = Math.Clamp(options.Value.PauseShare, 0, 10);
                var sinceSaved = Stopwatch.StartNew();
                while (true)
                {
                    var batchStarted = Stopwatch.GetTimestamp();
                    var deleted = await purge.BatchAsync(size, cancellationToken);
                    var pause = TimeSpan.FromTicks(Math.Max(minimumPause.Ticks, (long)(Stopwatch.GetElapsedTime(batchStarted).Ticks * pauseShare)));
                    run.Batches++;
                    run.RowsDeleted += deleted;
                    if (deleted < size || sinceSaved.Elapsed >= ProgressEvery)
                    {
                        // Still ours: renew the lease with the figures so far; if another instance took the rule over, stop here.
                        var renewed = await db.Set<RetentionRule>().Where(r => r.Id == ruleId && r.ClaimedBy == instance)
                            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedUntilUtc, time.GetUtcNow().UtcDateTime + lease), cancellationToken);
                        run.DurationMs = durationBefore + watch.ElapsedMilliseconds;
                        await db.SaveChangesAsync(cancellationToken);
                        sinceSaved.Restart();
                        if (renewed == 0)
                        {
                            break;
                        }
                    }
                    if (deleted < size)
                    {
                        break;
                    }
                    if (pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, cancellationToken);
                    }
                }
                var left = await purge.CountAsync(cancellationToken);
                run.RowsDeleted = Math.Max(0, run.ExpiredAtStart - left.Expired);
                run.HeldRows = left.Held;
                run.HoldIds = left.Held > 0 ? string.Join(',', held.HoldIds) : null;
                run.Status = PurgeRunStatus.Completed;
            }
            run.FinishedAtUtc = time.GetUtcNow().UtcDateTime;
            // Every part of a resumed run counts: the time its earlier instances recorded, and this one's.
            run.DurationMs = durationBefore + watch.ElapsedMilliseconds;
            await db.SaveChangesAsync(cancellationToken);
            log.LogInformation("Retention rule {RuleId}: {Status}, {Rows} rows in {Batches} batches, {Held} held", ruleId, run.Status, run.RowsDeleted, run.Batches, run.HeldRows);
            await audit.RecordAsync(RetentionActions.PurgeRun, targetType: RetentionActions.RuleTarget, targetId: RetentionService.Id(ruleId),
                detail: new { runId = run.Id, status = run.Status.ToString(), rows = run.RowsDeleted, run.Batches, heldRows = run.HeldRows, holds = run.HoldIds, run.CutoffUtc, run.DurationMs },
                actorId: AuditActors.System, cancellationToken: cancellationToken);
            return run;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = Truncate(Masking.Scrub($"{e.GetType().Name}: {e.Message}"), 1000);
            log.LogWarning("Retention rule {RuleId} stopped: {Error}", ruleId, error);
            await using var fresh = await contexts.CreateDbContextAsync(CancellationToken.None);
            if (run is { Id: > 0 })
            {
                await fresh.Set<PurgeRun>().Where(p => p.Id == run.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PurgeRunStatus.Failed)
                    .SetProperty(p => p.Error, error).SetProperty(p => p.RowsDeleted, run.RowsDeleted).SetProperty(p => p.Batches, run.Batches)
                    .SetProperty(p => p.FinishedAtUtc, time.GetUtcNow().UtcDateTime), CancellationToken.None);
            }
            else
            {
                fresh.Add(run = new PurgeRun { RuleId = ruleId, Status = PurgeRunStatus.Failed, StartedAtUtc = now, FinishedAtUtc = now, Error = error });
                await fresh.SaveChangesAsync(CancellationToken.None);
            }
            await fresh.Set<RetentionRule>().Where(r => r.Id == ruleId)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RetentionRuleStatus.Stopped).SetProperty(r => r.LastError, error), CancellationToken.None);
            await audit.RecordAsync(RetentionActions.PurgeStopped, outcome: AuditOutcome.Failure, targetType: RetentionActions.RuleTarget, targetId: RetentionService.Id(ruleId),
                detail: new { runId = run.Id, error }, actorId: AuditActors.System, cancellationToken: CancellationToken.None);
            run.Status = PurgeRunStatus.Failed;
            run.Error = error;
            return run;
        }
        finally
        {
            await using var release = await contexts.CreateDbContextAsync(CancellationToken.None);
            await release.Set<RetentionRule>().Where(r => r.Id == ruleId && r.ClaimedBy == instance)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedBy, (string?)null).SetProperty(r => r.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
        }
    }

    private static PurgeRun NewRun(PortalDbContext db, long ruleId, DateTime cutoff, DateTime now)
    {
        var run = new PurgeRun { RuleId = ruleId, Status = PurgeRunStatus.Running, CutoffUtc = cutoff, StartedAtUtc = now };
        db.Add(run);
        return run;
    }

    /// <summary>Manual and HTTP systems: a purge task for the owner, unless one is open or the last is recent.</summary>
    private async Task<PurgeRun?> OwnerTaskAsync(PortalDbContext db, RetentionRule rule, IReadOnlyList<string> categories, DateTime now, CancellationToken cancellationToken)
    {
        var last = await db.Set<PurgeRun>().AsNoTracking().Where(p => p.RuleId == rule.Id).OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (last is { Status: PurgeRunStatus.AwaitingOwner } || (last is not null && last.StartedAtUtc > now.AddDays(-Math.Max(1, options.Value.OwnerPurgeEveryDays))))
        {
            return null;
        }
        var cutoff = LegalMinimums.Cutoff(now, rule.Period, rule.Unit, LegalMinimums.MonthsFor(categories));
        var systemHolds = await holds.SystemHoldsAsync(rule.SystemId, categories, cancellationToken);
        var held = await holds.HeldSubjectKeysAsync(cancellationToken);
        var run = new PurgeRun
        {
            RuleId = rule.Id,
            Status = systemHolds.Count > 0 ? PurgeRunStatus.Held : PurgeRunStatus.AwaitingOwner,
            CutoffUtc = cutoff,
            StartedAtUtc = now,
            FinishedAtUtc = systemHolds.Count > 0 ? now : null,
            // The owner's task names the holds whose subjects' records must stay.
            HoldIds = systemHolds.Count > 0 ? string.Join(',', systemHolds) : held.HoldIds.Count > 0 ? string.Join(',', held.HoldIds) : null,
        };
        db.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(RetentionActions.PurgeRun, targetType: RetentionActions.RuleTarget, targetId: RetentionService.Id(rule.Id),
            detail: new { runId = run.Id, status = run.Status.ToString(), run.CutoffUtc, holds = run.HoldIds }, actorId: AuditActors.System, cancellationToken: cancellationToken);
        return run;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>The Hangfire entry points; schedules in <see cref="Jobs.RecurringJobs"/>.</summary>
public sealed class RetentionJob(PurgeRunner runner, LegalHoldService holds, PortalRecordsExpiry portalRecords)
{
    public Task ExpirePortalRecordsAsync(CancellationToken cancellationToken) => portalRecords.RunAsync(cancellationToken);

    public Task PurgeAsync(CancellationToken cancellationToken) => runner.RunAllAsync(cancellationToken);

    public Task RaiseHoldReviewsAsync(CancellationToken cancellationToken) => holds.RaiseOverdueReviewsAsync(cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken) => runner.ResumeOrphanedAsync(cancellationToken);
}
