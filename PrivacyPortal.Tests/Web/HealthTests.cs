using System.Net;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Health;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Web;

/// <summary>/healthz and the health page tell the truth: a database that refuses writes, a full disk, recent job failures only.</summary>
[Collection(AppCollection.Name)]
public sealed class HealthTests
{
    private static async Task<(HttpStatusCode Status, string Body)> ProbeAsync(PortalAppFactory app)
    {
        var response = await PortalHttp.Client(app).GetAsync("/healthz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HealthReportEntry> EntryAsync(PortalAppFactory app, string name) =>
        (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[name];

    [Fact]
    public async Task A_database_that_answers_but_refuses_writes_is_unhealthy()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?> { ["Health:CacheFor"] = "00:00:00" });
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(app));

        // What a full disk or a read-only volume does to SQLite, reproduced inside the database: every write to the probe fails.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_update BEFORE UPDATE ON HealthProbes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
        }

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ProbeAsync(app));
        var entry = await EntryAsync(app, PortalHealthChecks.Database);
        Assert.Equal(("Health.Detail.DatabaseRefuses", "SQLite 19"), (entry.Description, entry.Data["0"]));
    }

    [Fact]
    public async Task A_disk_below_the_minimum_free_space_is_unhealthy()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?> { ["Health:MinFreeDiskMegabytes"] = "100000000" });

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ProbeAsync(app));
        var entry = await EntryAsync(app, PortalHealthChecks.Disk);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("Health.Detail.Disk", entry.Description);
        Assert.True((long)entry.Data["0"] > 0, "the free space is measured on the database's disk");
    }

    [Fact]
    public async Task A_failed_job_degrades_health_only_within_the_recent_window()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?>
        {
            ["Health:CacheFor"] = "00:00:00",
            ["Health:JobFailureWindow"] = "00:00:02",
        });
        _ = app.CreateClient();
        Assert.Equal(HealthStatus.Healthy, (await EntryAsync(app, PortalHealthChecks.Jobs)).Status);

        // A run of the outbox job (no automatic retry) that failed on a transient lock.
        new BackgroundJobClient(app.Services.GetRequiredService<JobStorage>())
            .Create<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None), new FailedState(new TimeoutException("database is locked")));

        var failed = await EntryAsync(app, PortalHealthChecks.Jobs);
        Assert.Equal((HealthStatus.Degraded, 1), (failed.Status, (int)failed.Data["2"]));
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await ProbeAsync(app));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var later = await EntryAsync(app, PortalHealthChecks.Jobs);
        Assert.Equal((HealthStatus.Healthy, 0), (later.Status, (int)later.Data["2"]));
    }

    [Fact]
    public async Task Probes_in_quick_succession_reuse_the_last_result_instead_of_querying_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        await using var app = new PortalAppFactory { Clock = clock };
        async Task<DateTime> ProbeWrittenAsync()
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            return (await db.Set<HealthProbe>().SingleAsync()).WrittenAtUtc;
        }

        await ProbeAsync(app);
        var first = await ProbeWrittenAsync();
        clock.Advance(TimeSpan.FromSeconds(3));
        await ProbeAsync(app);
        Assert.Equal(first, await ProbeWrittenAsync());
        clock.Advance(TimeSpan.FromSeconds(3));
        await ProbeAsync(app);
        Assert.Equal(first.AddSeconds(6), await ProbeWrittenAsync());
    }
}
