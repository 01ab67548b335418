using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Jobs;

public sealed class JobClaims(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    private readonly string instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>True when this caller now owns the period and must run it.</summary>
    public async Task<bool> TryClaimAsync(string jobName, string periodKey, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.JobRunClaims.Add(new JobRunClaim { JobName = jobName, PeriodKey = periodKey, ClaimedBy = instance, ClaimedAtUtc = now });
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
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedBy, instance).SetProperty(c => c.ClaimedAtUtc, now), cancellationToken);
            return taken == 1;
        }
    }

    /// <summary>Marks the period done; only the current owner can (a taken-over claim is no longer ours).</summary>
    public async Task<bool> CompleteAsync(string jobName, string periodKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.JobRunClaims
            .Where(c => c.JobName == jobName && c.PeriodKey == periodKey && c.ClaimedBy == instance && c.CompletedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CompletedAtUtc, now), cancellationToken) == 1;
    }

    /// <summary>The run failed: give the period back so the next attempt (Hangfire's retry) can claim it at once.</summary>
    public async Task ReleaseAsync(string jobName, string periodKey)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.JobRunClaims
            .Where(c => c.JobName == jobName && c.PeriodKey == periodKey && c.ClaimedBy == instance && c.CompletedAtUtc == null)
            .ExecuteDeleteAsync();
    }

    /// <summary>Runs <paramref name="work"/> once per period across all instances; false when another run has it.</summary>
    public async Task<bool> RunOnceAsync(string jobName, string periodKey, TimeSpan lease, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        if (!await TryClaimAsync(jobName, periodKey, lease, cancellationToken))
        {
            return false;
        }
        try
        {
            await work(cancellationToken);
        }
        catch
        {
            await ReleaseAsync(jobName, periodKey);
            throw;
        }
        await CompleteAsync(jobName, periodKey, cancellationToken);
        return true;
    }
}
