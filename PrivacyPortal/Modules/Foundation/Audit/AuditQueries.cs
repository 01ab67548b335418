using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Foundation.Audit;

public sealed record AuditActivity(long Sequence, DateTime OccurredAtUtc, string Action, AuditOutcome Outcome, string? ClientIp);

public sealed record LastVerification(DateTime VerifiedAtUtc, bool Intact, string? Detail);

/// <summary>The read side the home pages need now; the auditor workspace builds its search on the same table.</summary>
public sealed class AuditQueries(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<IReadOnlyList<AuditActivity>> RecentActivityOfAsync(string actorId, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == actorId)
            .OrderByDescending(e => e.Sequence)
            .Take(count)
            .Select(e => new AuditActivity(e.Sequence, e.OccurredAtUtc, e.Action, e.Outcome, e.ClientIp))
            .ToListAsync(cancellationToken);
    }

    public async Task<LastVerification?> LastVerificationAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.ChainVerified)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new LastVerification(e.OccurredAtUtc, e.Outcome == AuditOutcome.Success, e.Detail))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
