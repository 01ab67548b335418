using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Features.Audit;

public sealed record AuditRecord(
    string Action,
    string ActorId,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? TargetType = null,
    string? TargetId = null,
    string? SubjectId = null,
    string? ClientIp = null,
    string? Detail = null);

/// <summary>
/// Appends to the chain. Within one instance appends queue behind a gate; across instances the sequence is the
/// primary key, so when two instances read the same tail the second insert fails and is retried on the new
/// tail. Either way the chain never forks.
/// </summary>
public sealed class AuditChainWriter(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    private const int MaxAttempts = 10;
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<AuditEvent> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        (await AppendAsync([record], cancellationToken))[0];

    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryAppendAsync(records, cancellationToken);
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    // Another instance took the same sequence number: read the new tail and chain onto it.
                    await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<AuditEvent>> TryAppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // SQL Server retries transient faults; a retried unit must be the whole transaction, tail read included.
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, records, now), static (_, state, ct) => AppendInTransactionAsync(state.db, state.records, state.now, ct), null, cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditEvent>> AppendInTransactionAsync(PortalDbContext db, IReadOnlyList<AuditRecord> records, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var tail = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = tail?.Sequence ?? 0;
        var previous = tail?.Hash ?? AuditHash.Genesis;

        var events = new List<AuditEvent>(records.Count);
        foreach (var r in records)
        {
            var e = new AuditEvent
            {
                Sequence = ++sequence,
                OccurredAtUtc = now,
                ActorId = r.ActorId,
                Action = r.Action,
                TargetType = r.TargetType,
                TargetId = r.TargetId,
                SubjectId = r.SubjectId,
                ClientIp = r.ClientIp,
                Outcome = r.Outcome,
                Detail = r.Detail,
                PreviousHash = previous,
            };
            e.Hash = AuditHash.Compute(e);
            previous = e.Hash;
            events.Add(e);
        }

        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events;
    }
}
