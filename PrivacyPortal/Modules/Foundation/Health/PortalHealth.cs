using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Jobs;

namespace PrivacyPortal.Modules.Foundation.Health;

internal sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("Cannot connect.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName}; schema up to date.")
                : HealthCheckResult.Degraded($"{pending} migration(s) not applied.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name);
        }
    }
}

internal sealed class JobsHealthCheck(JobStorage storage, IOptions<JobsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitor = storage.GetMonitoringApi();
            var servers = monitor.Servers().Count;
            var failed = monitor.FailedCount();
            var description = $"{servers} server(s), {monitor.EnqueuedCount("default")} queued, {failed} failed.";
            if (servers == 0 && options.Value.RunServer)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy(description));
            }
            return Task.FromResult(failed > 0 ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.GetType().Name));
        }
    }
}

/// <summary>The checks behind /healthz and the health page.</summary>
public static class PortalHealthChecks
{
    public const string Database = "database";
    public const string Jobs = "jobs";

    public static readonly IReadOnlyList<string> All = [Database, Jobs];
}
