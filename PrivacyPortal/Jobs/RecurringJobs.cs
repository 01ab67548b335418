using System.Linq.Expressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PrivacyPortal.Jobs;

/// <summary>A schedule a module contributes from its entry point; the jobs dashboard (/jobs) lists them all.</summary>
public sealed record RecurringJobEntry(string Id, string Cron, Action<IRecurringJobManager, RecurringJobOptions> Register);

public static class RecurringJobs
{
    /// <summary>
    /// Schedules <typeparamref name="TJob"/> (registered scoped) under <paramref name="id"/>. Cron times are in the
    /// portal's time zone. The job itself claims its period (<see cref="JobClaims"/>), so a second trigger is harmless.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron, Expression<Func<TJob, Task>> run)
        where TJob : class
    {
        services.TryAddScoped<TJob>();
        services.AddSingleton(new RecurringJobEntry(id, cron, (jobs, options) => jobs.AddOrUpdate(id, run, cron, options)));
        return services;
    }

    public static void Register(IServiceProvider services, TimeZoneInfo timeZone)
    {
        var jobs = services.GetRequiredService<IRecurringJobManager>();
        var options = new RecurringJobOptions { TimeZone = timeZone };
        foreach (var entry in services.GetServices<RecurringJobEntry>())
        {
            entry.Register(jobs, options);
        }
    }
}
