using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Audit;

/// <summary>The audit trail's own retention on a real SQLite trail: old events go only from a verified chain, after a signed start.</summary>
public sealed class AuditRetentionTests
{
    private static readonly DateTimeOffset Start = new(2020, 1, 6, 2, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Settings = new() { ["Audit:Retention:Years"] = "5" };

    /// <summary>One event a month for <paramref name="months"/> months, from <see cref="Start"/>.</summary>
    private static async Task AppendMonthlyAsync(ServiceHarness harness, int months)
    {
        for (var i = 0; i < months; i++)
        {
            await harness.Get<AuditChainWriter>().AppendAsync(new AuditRecord(AuditActions.SignInSucceeded, "staff-a", AuditOutcome.Success, null, null, null, "10.0.0.1", null));
            harness.Clock.Advance(TimeSpan.FromDays(31));
        }
    }

    [Fact]
    public async Task Events_older_than_the_setting_are_deleted_after_a_signed_start_and_the_rest_still_verifies()
    {
        await using var harness = await ServiceHarness.CreateAsync(Start, Settings);
        await AppendMonthlyAsync(harness, 10);
        var early = (await harness.Get<AuditCheckpointService>().SignLatestAsync())!;
        await AppendMonthlyAsync(harness, 64);
        // Now: early 2026. Five years back is early 2021: the events of 2020 and January 2021 are older.
        var cutoff = harness.Clock.GetUtcNow().UtcDateTime.AddYears(-5);
        long old;
        long total;
        await using (var db = harness.Database.CreateDbContext())
        {
            old = await db.AuditEvents.CountAsync(e => e.OccurredAtUtc < cutoff);
            total = await db.AuditEvents.CountAsync();
        }
        Assert.InRange(old, 10, 20);

        var result = await harness.Get<AuditRetention>().PruneAsync();

        Assert.Null(result.Refused);
        Assert.Equal(old, result.Deleted);
        Assert.Equal(old, result.StartsAfter);
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.OccurredAtUtc < cutoff));
            Assert.Equal(old + 1, await db.AuditEvents.MinAsync(e => e.Sequence));
            var start = await db.Set<AuditTrailStart>().SingleAsync();
            Assert.Equal(old, start.Sequence);
            Assert.True(File.Exists(Path.Combine(harness.Get<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath, "App_Data/audit-checkpoints", start.CheckpointFile)));
            var pruned = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.Pruned);
            Assert.Contains($"\"deleted\":{old}", pruned.Detail);
        }
        // What is left verifies from the signed start: every kept event plus the two the run recorded.
        var chain = await harness.Get<AuditVerifier>().VerifyAsync();
        Assert.True(chain.Intact, chain.Problem);
        Assert.Equal(total - old + 2, chain.EventsChecked);
        // A checkpoint of the deleted range is retired, not broken; a new one proves the trail.
        var checkpoints = harness.Get<AuditCheckpointService>();
        Assert.Equal(CheckpointCheck.BeforeTrailStart, (await checkpoints.VerifyAsync(early)).Check);
        Assert.Equal(CheckpointCheck.Intact, (await checkpoints.VerifyAsync((await checkpoints.SignLatestAsync())!)).Check);

        // Nothing more is old enough: the next run deletes nothing.
        Assert.Equal(new AuditPruneResult(old, 0, null), await harness.Get<AuditRetention>().PruneAsync());
    }

    [Fact]
    public async Task A_broken_chain_is_not_pruned_and_a_start_written_by_hand_is_reported()
    {
        await using var harness = await ServiceHarness.CreateAsync(Start, Settings);
        await AppendMonthlyAsync(harness, 80);
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET ActorId = 'someone-else' WHERE Sequence = 3");
        }

        var refused = await harness.Get<AuditRetention>().PruneAsync();

        Assert.Equal((0L, (long?)null), (refused.Deleted, refused.StartsAfter));
        Assert.NotNull(refused.Refused);
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(80, await db.AuditEvents.CountAsync(e => e.Action == AuditActions.SignInSucceeded));
            Assert.Equal(AuditOutcome.Failure, (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.PruneRefused)).Outcome);

            // Someone with database access hides the tampered events behind a start of their own: not signed by the portal's key.
            var hash = await db.AuditEvents.Where(e => e.Sequence == 10).Select(e => e.Hash).SingleAsync();
            db.Add(new AuditTrailStart { Sequence = 10, Hash = hash, SignedAtUtc = DateTime.UtcNow, KeyId = "0000000000000000", Signature = Convert.ToBase64String(new byte[64]), CheckpointFile = "forged.json" });
            await db.SaveChangesAsync();
        }
        var chain = await harness.Get<AuditVerifier>().VerifyAsync();
        Assert.False(chain.Intact);
        Assert.Equal(11, chain.FirstBrokenSequence);
        Assert.Contains("not signed", chain.Problem);
    }

    [Fact]
    public async Task Zero_years_keeps_the_trail_for_ever()
    {
        await using var harness = await ServiceHarness.CreateAsync(Start, new Dictionary<string, string?> { ["Audit:Retention:Years"] = "0" });
        await AppendMonthlyAsync(harness, 80);
        Assert.Equal(new AuditPruneResult(null, 0, null), await harness.Get<AuditRetention>().PruneAsync());
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(80, await db.AuditEvents.CountAsync());
    }
}
