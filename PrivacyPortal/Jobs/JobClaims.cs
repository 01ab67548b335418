using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Jobs;

public sealed class JobClaims(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>True when this caller now owns the period and must run it.</summary>
    public async Task<bool> TryClaimAsync(string jobName, string periodKey, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.JobRunClaims.Add(new JobRunClaim { JobName = jobName, PeriodKey = periodKey, ClaimedBy = Instance, ClaimedAtUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Taken. Take it over only if its owner died before finishing (conditional update: one winner).
            var staleBefore = now - lease;
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var taken = await fresh.JobRunClaims
                .Where(c => c.JobName == jobName && c.PeriodKey == periodKey && c.CompletedAtUtc == null && c.ClaimedAtUtc < staleBefore)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedBy, Instance).SetProperty(c => c.ClaimedAtUtc, now), cancellationToken);
            return taken == 1;
        }
    }

    public async Task CompleteAsync(string jobName, string periodKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.JobRunClaims
            .Where(c => c.JobName == jobName && c.PeriodKey == periodKey)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompletedAtUtc, now), cancellationToken);
    }
}
