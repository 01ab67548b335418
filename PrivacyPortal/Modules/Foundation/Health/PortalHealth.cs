using System.Collections.Concurrent;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Jobs;

namespace PrivacyPortal.Modules.Foundation.Health;

/// <summary>The <c>Health</c> section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>A check's result is reused this long, so a busy load balancer does not query the database on every probe.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Free space below this on the database's disk is Unhealthy; below four times this, Degraded.</summary>
    public long MinFreeDiskMegabytes { get; set; } = 256;

    /// <summary>Failed jobs count against health only this long after they failed: a transient lock does not degrade it for good.</summary>
    public TimeSpan JobFailureWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>One row the database check rewrites: proof that the database takes writes, not only that it answers.</summary>
public sealed class HealthProbe
{
    public int Id { get; set; }

    public DateTime WrittenAtUtc { get; set; }
}

public sealed class HealthProbeConfiguration : IEntityTypeConfiguration<HealthProbe>
{
    public void Configure(EntityTypeBuilder<HealthProbe> e)
    {
        e.ToTable("HealthProbes");
        e.Property(x => x.Id).ValueGeneratedNever();
        // The one row exists from the start, so the check only ever updates it (no two first checks racing to insert).
        e.HasData(new HealthProbe { Id = 1, WrittenAtUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}

/// <summary>Results kept for <see cref="HealthOptions.CacheFor"/>, per check.</summary>
public sealed class HealthResultCache(TimeProvider time, IOptions<HealthOptions> options)
{
    /// <summary>The data key holding the milliseconds the check took when it last ran.</summary>
    public const string TookKey = "took";

    private readonly ConcurrentDictionary<string, (DateTime At, HealthCheckResult Result)> results = new();

    public async Task<HealthCheckResult> GetAsync(string name, Func<Task<HealthCheckResult>> check)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (results.TryGetValue(name, out var cached) && now - cached.At < options.Value.CacheFor)
        {
            return cached.Result;
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await check();
        // What the check itself took, kept with it: a reused result is served in no time, which is not what it cost.
        var data = result.Data.ToDictionary(d => d.Key, d => d.Value);
        data[TookKey] = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        result = new HealthCheckResult(result.Status, result.Description, result.Exception, data);
        results[name] = (now, result);
        return result;
    }
}

/// <summary>
/// A finding the health page shows in the reader's language: <see cref="HealthCheckResult.Description"/> holds a text key
/// (Health.Detail.*) and <see cref="HealthCheckResult.Data"/> its arguments "0", "1"… (other keys are not arguments).
/// </summary>
internal static class HealthFinding
{
    public static HealthCheckResult Of(HealthStatus status, string key, params object[] args) =>
        new(status, key, data: args.Select((a, i) => (Key: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: a)).ToDictionary(p => p.Key, p => p.Value));
}

/// <summary>Connects, writes the probe row, and checks the schema is current (the schema part is what the cache saves most).</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> contexts, HealthResultCache cache, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync(PortalHealthChecks.Database, async () =>
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var now = time.GetUtcNow().UtcDateTime;
                if (await db.Set<HealthProbe>().Where(p => p.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(p => p.WrittenAtUtc, now), cancellationToken) == 0)
                {
                    return HealthFinding.Of(HealthStatus.Unhealthy, "Health.Detail.DatabaseRefuses", "HealthProbes");
                }
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                return pending == 0
                    ? HealthFinding.Of(HealthStatus.Healthy, "Health.Detail.DatabaseWrites", db.Database.IsSqlite() ? "SQLite" : "SQL Server")
                    : HealthFinding.Of(HealthStatus.Degraded, "Health.Detail.Migrations", pending);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthFinding.Of(HealthStatus.Unhealthy, "Health.Detail.DatabaseRefuses", ex is SqliteException sqlite ? $"SQLite {sqlite.SqliteErrorCode}" : ex.GetType().Name);
            }
        });
}

/// <summary>Free space where the database (SQLite) or the portal's own files (SQL Server: the content root) live.</summary>
internal sealed class DiskHealthCheck(IConfiguration configuration, IHostEnvironment environment, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var folder = DatabaseFolder() ?? environment.ContentRootPath;
            var free = new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace / (1024 * 1024);
            var minimum = options.Value.MinFreeDiskMegabytes;
            var status = free < minimum ? HealthStatus.Unhealthy : free < 4 * minimum ? HealthStatus.Degraded : HealthStatus.Healthy;
            return Task.FromResult(HealthFinding.Of(status, "Health.Detail.Disk", free, minimum));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult(HealthFinding.Of(HealthStatus.Unhealthy, "Health.Detail.DiskUnknown", ex.GetType().Name));
        }
    }

    private string? DatabaseFolder()
    {
        var connection = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrEmpty(connection))
        {
            return null;
        }
        var file = new SqliteConnectionStringBuilder(connection).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(file, environment.ContentRootPath));
    }
}

/// <summary>A job server is running (where this instance should run one), and no job failed within the recent window.</summary>
internal sealed class JobsHealthCheck(JobStorage storage, IOptions<JobsOptions> jobs, IOptions<HealthOptions> options, HealthResultCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync(PortalHealthChecks.Jobs, () =>
        {
            try
            {
                var monitor = storage.GetMonitoringApi();
                var servers = monitor.Servers().Count;
                // Hangfire stamps its own times with the system clock.
                var since = DateTime.UtcNow - options.Value.JobFailureWindow;
                var recent = monitor.FailedJobs(0, 500).Count(j => j.Value?.FailedAt >= since);
                var queued = monitor.EnqueuedCount("default");
                var window = (int)Math.Round(options.Value.JobFailureWindow.TotalMinutes);
                var status = servers == 0 && jobs.Value.RunServer ? HealthStatus.Unhealthy : recent > 0 ? HealthStatus.Degraded : HealthStatus.Healthy;
                return Task.FromResult(HealthFinding.Of(status, "Health.Detail.Jobs", servers, queued, recent, window));
            }
            catch (Exception ex)
            {
                return Task.FromResult(HealthFinding.Of(HealthStatus.Unhealthy, "Health.Detail.JobsUnknown", ex.GetType().Name));
            }
        });
}

/// <summary>The checks behind /healthz and the health page.</summary>
public static class PortalHealthChecks
{
    public const string Database = "database";
    public const string Disk = "disk";
    public const string Jobs = "jobs";

    public static readonly IReadOnlyList<string> All = [Database, Disk, Jobs];
}
