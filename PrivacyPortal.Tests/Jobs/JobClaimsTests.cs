using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Jobs;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Jobs;

public sealed class JobClaimsTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 18, 30, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Of_many_instances_claiming_one_period_exactly_one_wins()
    {
        var claims = Enumerable.Range(0, 8).Select(_ => new JobClaims(database, clock)).ToList();

        var won = await Task.WhenAll(claims.Select(c => c.TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2))));

        Assert.Equal(1, won.Count(w => w));
    }

    [Fact]
    public async Task A_finished_period_is_never_run_again()
    {
        var first = new JobClaims(database, clock);
        Assert.True(await first.TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2)));
        await first.CompleteAsync("audit-verify", "2026-11-28");

        clock.Advance(TimeSpan.FromDays(3));
        Assert.False(await new JobClaims(database, clock).TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2)));
        Assert.True(await new JobClaims(database, clock).TryClaimAsync("audit-verify", "2026-11-29", TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task A_run_that_fails_gives_its_period_back_for_the_retry()
    {
        var claims = new JobClaims(database, clock);
        await Assert.ThrowsAsync<TimeoutException>(() =>
            claims.RunOnceAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2), _ => throw new TimeoutException()));

        var runs = 0;
        Assert.True(await claims.RunOnceAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2), _ => { runs++; return Task.CompletedTask; }));
        Assert.False(await claims.RunOnceAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2), _ => { runs++; return Task.CompletedTask; }));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task An_instance_whose_claim_was_taken_over_cannot_mark_it_done()
    {
        var slow = new JobClaims(database, clock);
        Assert.True(await slow.TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2)));
        clock.Advance(TimeSpan.FromHours(3));
        var rescuer = new JobClaims(database, clock);
        Assert.True(await rescuer.TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2)));

        Assert.False(await slow.CompleteAsync("audit-verify", "2026-11-28"));
        Assert.True(await rescuer.CompleteAsync("audit-verify", "2026-11-28"));
    }

    [Fact]
    public async Task A_claim_abandoned_by_a_crashed_instance_is_taken_over_after_its_lease()
    {
        Assert.True(await new JobClaims(database, clock).TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2)));

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.False(await new JobClaims(database, clock).TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2)));

        clock.Advance(TimeSpan.FromHours(2));
        var rivals = Enumerable.Range(0, 4).Select(_ => new JobClaims(database, clock));
        var won = await Task.WhenAll(rivals.Select(c => c.TryClaimAsync("audit-verify", "2026-11-28", TimeSpan.FromHours(2))));
        Assert.Equal(1, won.Count(w => w));
    }
}
