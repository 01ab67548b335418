using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

public sealed record DataMapEntry(int SystemId, string SystemName, string Region, bool IsCrossBorder, ConnectorKind Connector,
    StepStatus Status, IReadOnlyDictionary<string, long> Counts, string? Error, DateTime AtUtc)
{
    public long Total => Counts.Values.Sum();
}

/// <summary>
/// Asks every active system's connector what it holds on one person and keeps the answer as the person's data
/// map (one row per system, replaced on each discovery).
/// </summary>
public sealed class DiscoveryService(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectorTargets targets,
    SubjectDirectory directory,
    AuditTrail audit,
    TimeProvider time,
    ILogger<DiscoveryService> log)
{
    /// <summary>Connectors asked at once: enough to overlap network waits, few enough to spare the systems.</summary>
    private const int Parallelism = 4;

    public async Task<IReadOnlyList<DataMapEntry>> DiscoverAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        var keys = await directory.KeysAsync(subjectId, cancellationToken);
        var systems = await targets.ActiveSystemsAsync(cancellationToken);
        var results = new FindOutcome[systems.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, systems.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                results[i] = await targets.ConnectorFor(systems[i].ConnectorKind).FindAsync(targets.For(systems[i]), keys, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Discovery in system {SystemId} failed", systems[i].Id);
                results[i] = FindOutcome.Failed(Masking.Scrub($"{e.GetType().Name}: {e.Message}"));
            }
        });
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<SubjectDiscovery>().Where(d => d.SubjectId == subjectId).ToListAsync(cancellationToken);
        db.RemoveRange(existing);
        for (var i = 0; i < systems.Count; i++)
        {
            db.Add(new SubjectDiscovery
            {
                SubjectId = subjectId,
                SystemId = systems[i].Id,
                Status = results[i].Status,
                CountsJson = JsonSerializer.Serialize(results[i].CountsByCategory),
                Error = results[i].Error is { } error ? error[..Math.Min(error.Length, 1000)] : null,
                AtUtc = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(SubjectActions.Discovered, targetType: "subject", targetId: SubjectDirectory.Id(subjectId), subjectId: SubjectDirectory.Id(subjectId),
            detail: new { systems = systems.Select((s, i) => new { s.Id, status = results[i].Status.ToString(), rows = results[i].CountsByCategory.Values.Sum() }).ToArray() },
            cancellationToken: cancellationToken);
        return await MapAsync(subjectId, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DataCategory>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataCategory>().AsNoTracking().ToDictionaryAsync(c => c.Key, cancellationToken);
    }

    /// <summary>The data map from the last discovery (empty if never run).</summary>
    public async Task<IReadOnlyList<DataMapEntry>> MapAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (from d in db.Set<SubjectDiscovery>().AsNoTracking()
                          join s in db.Set<DataSystem>().AsNoTracking() on d.SystemId equals s.Id
                          where d.SubjectId == subjectId
                          orderby s.Name
                          select new { d, s.Name, s.StorageRegion, s.ConnectorKind }).ToListAsync(cancellationToken);
        return rows.Select(r => new DataMapEntry(r.d.SystemId, r.Name, r.StorageRegion, StorageRegions.IsCrossBorder(r.StorageRegion), r.ConnectorKind, r.d.Status,
            JsonSerializer.Deserialize<Dictionary<string, long>>(r.d.CountsJson) ?? [], r.d.Error, r.d.AtUtc)).ToList();
    }
}
