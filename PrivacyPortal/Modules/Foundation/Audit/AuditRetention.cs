using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Jobs;

namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>
/// How long the audit trail itself is kept. It holds ids, never personal values, so retention rules do not purge it;
/// this is its own, long setting (0 keeps it for ever).
/// </summary>
public sealed class AuditRetentionOptions
{
    public const string Section = "Audit:Retention";

    public int Years { get; set; } = 10;
}

/// <summary>
/// Where the trail starts once its oldest events were deleted: the last deleted event's (sequence, hash), signed with
/// the checkpoint key. The first event kept links to <see cref="Hash"/>; the verifier starts here (ADR 0013).
/// </summary>
public sealed class AuditTrailStart
{
    public long Id { get; set; }

    public long Sequence { get; set; }

    public byte[] Hash { get; set; } = [];

    public DateTime SignedAtUtc { get; set; }

    public string KeyId { get; set; } = "";

    public string Signature { get; set; } = "";

    /// <summary>The signed checkpoint file written for it, which auditors keep outside the database.</summary>
    public string CheckpointFile { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The signed bytes; the database hands the time back without its kind, and the signature covers "Z".</summary>
    public byte[] Payload() => AuditCheckpoint.Payload(Sequence, Convert.ToHexStringLower(Hash), DateTime.SpecifyKind(SignedAtUtc, DateTimeKind.Utc));
}

public sealed class AuditTrailStartConfiguration : IEntityTypeConfiguration<AuditTrailStart>
{
    public void Configure(EntityTypeBuilder<AuditTrailStart> e)
    {
        e.ToTable("AuditTrailStarts");
        e.HasIndex(x => x.Sequence).IsUnique();
        e.Property(x => x.Hash).HasMaxLength(AuditEvent.HashLength);
        e.Property(x => x.KeyId).HasMaxLength(16).IsUnicode(false);
        e.Property(x => x.Signature).HasMaxLength(200).IsUnicode(false);
        e.Property(x => x.CheckpointFile).HasMaxLength(100).IsUnicode(false);
    }
}

/// <param name="StartsAfter">The last deleted event; null while nothing was ever deleted.</param>
/// <param name="Refused">Why nothing was deleted although events are old enough (the chain does not verify).</param>
public sealed record AuditPruneResult(long? StartsAfter, long Deleted, string? Refused);

/// <summary>
/// Deletes events older than <see cref="AuditRetentionOptions.Years"/>, only from a chain that verifies: the last
/// one deleted is signed as a checkpoint first and recorded as the trail's start, then the events up to it go in
/// batches, each its own transaction. A run stopped halfway leaves events the verifier no longer reads, and the next
/// run deletes them before anything else.
/// </summary>
public sealed class AuditRetention(
    IDbContextFactory<PortalDbContext> contexts,
    AuditVerifier verifier,
    AuditCheckpointService checkpoints,
    AuditTrail trail,
    IOptions<AuditRetentionOptions> options,
    TimeProvider time,
    ILogger<AuditRetention> logger)
{
    public const int BatchSize = 10_000;

    public async Task<AuditPruneResult> PruneAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var start = await db.Set<AuditTrailStart>().MaxAsync(s => (long?)s.Sequence, cancellationToken);
        var deleted = start is { } previous ? await DeleteUpToAsync(db, previous, cancellationToken) : 0;
        var years = options.Value.Years;
        if (years <= 0)
        {
            return new AuditPruneResult(start, deleted, null);
        }
        var cutoff = time.GetUtcNow().UtcDateTime.AddYears(-years);
        var last = await db.AuditEvents.Where(e => e.Sequence > (start ?? 0) && e.OccurredAtUtc < cutoff).MaxAsync(e => (long?)e.Sequence, cancellationToken);
        if (last is not { } upTo)
        {
            return new AuditPruneResult(start, deleted, null);
        }
        // Deleting from a chain that does not verify would destroy the evidence of what happened to it.
        var chain = await verifier.VerifyAsync(cancellationToken);
        if (!chain.Intact)
        {
            logger.LogCritical("Audit retention refused: the chain is broken at sequence {Sequence}", chain.FirstBrokenSequence);
            await trail.RecordAsync(AuditActions.PruneRefused, AuditOutcome.Failure, detail: new { chain.FirstBrokenSequence, chain.Problem, years },
                actorId: AuditActors.System, cancellationToken: cancellationToken);
            return new AuditPruneResult(start, deleted, chain.Problem);
        }
        var hash = await db.AuditEvents.Where(e => e.Sequence == upTo).Select(e => e.Hash).SingleAsync(cancellationToken);
        var (checkpoint, file) = await checkpoints.SignAsync(upTo, hash, AuditActors.System, cancellationToken);
        db.Add(new AuditTrailStart
        {
            Sequence = upTo, Hash = hash, SignedAtUtc = checkpoint.SignedAtUtc, KeyId = checkpoint.KeyId, Signature = checkpoint.Signature,
            CheckpointFile = file, CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        deleted += await DeleteUpToAsync(db, upTo, cancellationToken);
        logger.LogInformation("Audit retention: {Deleted} events up to sequence {Sequence} deleted ({Years} years)", deleted, upTo, years);
        await trail.RecordAsync(AuditActions.Pruned, targetType: "audit-checkpoint", targetId: upTo.ToString(CultureInfo.InvariantCulture),
            detail: new { upTo, deleted, cutoff, years, file }, actorId: AuditActors.System, cancellationToken: cancellationToken);
        return new AuditPruneResult(upTo, deleted, null);
    }

    /// <summary>Deletes the events up to <paramref name="sequence"/> that are still there, a batch per transaction.</summary>
    private static async Task<long> DeleteUpToAsync(PortalDbContext db, long sequence, CancellationToken cancellationToken)
    {
        long deleted = 0;
        while (await db.AuditEvents.Where(e => e.Sequence <= sequence).MinAsync(e => (long?)e.Sequence, cancellationToken) is { } low)
        {
            var high = Math.Min(sequence, low + BatchSize - 1);
            deleted += await db.AuditEvents.Where(e => e.Sequence >= low && e.Sequence <= high).ExecuteDeleteAsync(cancellationToken);
        }
        return deleted;
    }
}

/// <summary>Hangfire entry point: monthly, once per month across instances (claimed as in ADR 4).</summary>
public sealed class AuditRetentionJob(AuditRetention retention, JobClaims claims, TimeProvider time)
{
    public const string Id = "audit-retention";

    public Task RunAsync(CancellationToken cancellationToken) =>
        claims.RunOnceAsync(Id, time.GetUtcNow().UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), TimeSpan.FromHours(6),
            async ct => await retention.PruneAsync(ct), cancellationToken);
}
