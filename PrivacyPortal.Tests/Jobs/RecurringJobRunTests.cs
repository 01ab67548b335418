using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using PrivacyPortal.Data;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Tests.Notifications;

namespace PrivacyPortal.Tests.Jobs;

/// <summary>
/// Each recurring job run once the way the schedule runs it: triggered in Hangfire, performed by the portal's own job
/// server through its registered expression, against the portal's real SQLite database, and seen to do its work.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RecurringJobRunTests
{
    [Fact]
    public async Task Every_recurring_job_runs_to_success_through_the_job_server_against_the_real_database()
    {
        var port = NotificationsHarness.FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?>
        {
            ["Jobs:RunServer"] = "true",
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:From"] = "privacy@portal.test",
        });
        _ = app.CreateClient();

        // Work for the jobs that act on data: a deadline already passed and an e-mail waiting in the outbox.
        Guid overdue;
        long message;
        using (var scope = app.Services.CreateScope())
        {
            var started = DateTime.UtcNow.AddDays(-90);
            overdue = (await scope.ServiceProvider.GetRequiredService<ClockService>().StartAsync("request", "DSR-2026-000901", ClockPresets.RequestTarget, started)).Id;
            message = await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().EnqueueAsync(new NotificationRequest(NotificationChannel.Email,
                NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese, "job-run@example.test", NotificationsHarness.Ack("PR-2026-000901")));
        }

        var storage = app.Services.GetRequiredService<JobStorage>();
        var manager = new RecurringJobManager(storage);
        var monitoring = storage.GetMonitoringApi();
        var ids = app.Services.GetServices<RecurringJobEntry>().Select(e => e.Id).ToList();
        Assert.Equal(13, ids.Count);
        foreach (var id in ids)
        {
            var jobId = manager.TriggerJob(id);
            Assert.False(string.IsNullOrEmpty(jobId), $"{id} was not triggered");
            var state = await FinalStateAsync(monitoring, jobId);
            Assert.True(state.Name == "Succeeded", $"{id} ended {state.Name}: {state.Reason} {state.Exception}");
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(ClockState.Breached, (await db.Set<Clock>().SingleAsync(c => c.Id == overdue)).State);
        Assert.Equal(OutboxStatus.Sent, (await db.Set<OutboxMessage>().SingleAsync(m => m.Id == message)).Status);
        Assert.Single(smtp.ReceivedEmail);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ChainVerified && e.Outcome == AuditOutcome.Success && e.ActorId == AuditActors.System));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.CheckpointSigned && e.ActorId == AuditActors.System));
        // The jobs that run once per period left their completed claim.
        var claimed = await db.JobRunClaims.Where(c => c.CompletedAtUtc != null).Select(c => c.JobName).ToListAsync();
        Assert.Superset(new HashSet<string> { AuditVerificationJob.Id, AuditCheckpointJob.Id, AuditRetentionJob.Id, "backup-follow-ups" }, claimed.ToHashSet());
    }

    private static async Task<(string Name, string? Reason, string? Exception)> FinalStateAsync(IMonitoringApi monitoring, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var history = monitoring.JobDetails(jobId)?.History;
            if (history is { Count: > 0 } && history[0].StateName is "Succeeded" or "Failed" or "Deleted" or "Scheduled")
            {
                var latest = history[0];
                return (latest.StateName, latest.Reason, latest.Data.TryGetValue("ExceptionMessage", out var message) ? message : null);
            }
            await Task.Delay(100);
        }
        return ("TimedOut", "no final state within 90 s", null);
    }
}
