using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Jobs;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Jobs;

/// <summary>The schedules the modules contribute reach Hangfire as the portal starts, in the portal's time zone.</summary>
[Collection(AppCollection.Name)]
public sealed class RecurringJobRegistrationTests
{
    [Fact]
    public async Task Every_module_schedule_is_registered_once_with_its_cron_in_the_portal_time_zone()
    {
        await using var app = new PortalAppFactory();
        _ = app.CreateClient(); // starts the host: UsePortalJobs registers the schedules

        var contributed = app.Services.GetServices<RecurringJobEntry>().ToList();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var registered = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["audit-verify"] = "30 2 * * *",
                ["audit-checkpoint"] = "5 * * * *",
                ["audit-retention"] = "40 4 1 * *",
                ["clock-reminders"] = "*/15 * * * *",
                ["notifications-outbox"] = "* * * * *",
                ["subject-operations-resume"] = "*/5 * * * *",
                ["exports-expire"] = "10 3 * * *",
                ["retention-purge"] = "0 1 * * *",
                ["retention-portal-records"] = "30 1 * * *",
                ["legal-hold-reviews"] = "0 8 * * *",
                ["retention-resume"] = "*/5 * * * *",
                ["backup-follow-ups"] = "0 4 * * *",
                ["campaigns-fan-out"] = "* * * * *",
            },
            contributed.ToDictionary(e => e.Id, e => e.Cron));
        Assert.Equal(contributed.Select(e => e.Id).Order(), registered.Keys.Order());
        Assert.All(contributed, e => Assert.Equal(e.Cron, registered[e.Id].Cron));
        Assert.All(registered.Values, j => Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai").Id, TimeZoneInfo.FindSystemTimeZoneById(j.TimeZoneId).Id));
        Assert.All(registered.Values, j => Assert.Null(j.Error));
    }
}
