using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Modules.Oversight.AuditWorkspace;

public sealed record VerificationRun(long Sequence, DateTime AtUtc, string ActorId, bool Intact, long? EventsChecked, long? FirstBrokenSequence, string? Problem);

public sealed record CheckpointRecord(long Sequence, DateTime AtUtc, string ActorId, long? CheckpointSequence, string? Hash, string? KeyId, string? File);

/// <summary>
/// Runs the verifier on request and keeps its history. The history is the trail itself (each run records
/// <see cref="AuditActions.ChainVerified"/>), so it cannot be kept apart from what it vouches for. A broken chain is an
/// alert: a critical log entry (which operations monitor) and a failed event at the top of the trail and the dashboard.
/// </summary>
public sealed class AuditIntegrityService(IDbContextFactory<PortalDbContext> contexts, AuditVerifier verifier, AuditTrail trail, ILogger<AuditIntegrityService> logger)
{
    public async Task<AuditVerificationResult> VerifyNowAsync(string? actorId = null, CancellationToken cancellationToken = default)
    {
        AuditVerificationResult result;
        try
        {
            result = await verifier.VerifyAndRecordAsync(trail, actorId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A verification must report, never crash the page: an unreadable table is itself a finding.
            logger.LogCritical(ex, "Audit verification could not complete");
            result = new AuditVerificationResult(false, 0, null, "verification failed: " + ex.GetType().Name);
            await trail.RecordAsync(AuditActions.ChainVerified, AuditOutcome.Failure,
                detail: new { result.Intact, result.EventsChecked, result.FirstBrokenSequence, result.Problem }, actorId: actorId, cancellationToken: cancellationToken);
        }
        if (!result.Intact)
        {
            logger.LogCritical("ALERT: audit chain broken at sequence {Sequence}: {Problem}", result.FirstBrokenSequence, result.Problem);
        }
        return result;
    }

    public async Task<IReadOnlyList<VerificationRun>> HistoryAsync(int count = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.ChainVerified)
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Sequence)
            .Take(count)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.ActorId, e.Outcome, e.Detail })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new VerificationRun(r.Sequence, r.OccurredAtUtc, r.ActorId, r.Outcome == AuditOutcome.Success,
            Number(AuditDetail.Text(r.Detail, "eventsChecked")), Number(AuditDetail.Text(r.Detail, "firstBrokenSequence")),
            AuditDetail.Text(r.Detail, "problem"))).ToList();
    }

    public async Task<IReadOnlyList<CheckpointRecord>> CheckpointsAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.CheckpointSigned)
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Sequence)
            .Take(count)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.ActorId, e.Detail })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CheckpointRecord(r.Sequence, r.OccurredAtUtc, r.ActorId, Number(AuditDetail.Text(r.Detail, "sequence")),
            AuditDetail.Text(r.Detail, "hash"), AuditDetail.Text(r.Detail, "keyId"), AuditDetail.Text(r.Detail, "file"))).ToList();
    }

    /// <summary>Where the trail starts when the retention setting has deleted its oldest events; null while it starts at event 1.</summary>
    public async Task<AuditTrailStart?> TrailStartAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AuditTrailStart>().AsNoTracking().OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(cancellationToken);
    }

    private static long? Number(string? text) => long.TryParse(text, out var n) ? n : null;
}
