using Hangfire;
using PrivacyPortal.Features.Audit;
using PrivacyPortal.Features.Clocks;
using PrivacyPortal.Features.Connectors;
using PrivacyPortal.Features.Notifications;

namespace PrivacyPortal.Jobs;

/// <summary>The one list of schedules. Times are in the portal's time zone.</summary>
public static class RecurringJobs
{
    public const string AuditVerification = "audit-verify";
    public const string AuditCheckpoint = "audit-checkpoint";
    public const string ClockReminders = "clock-reminders";
    public const string OutboxDispatch = "notifications-outbox";
    public const string OperationsResume = "subject-operations-resume";
    public const string ExportsExpire = "exports-expire";

    public static void Register(IRecurringJobManager jobs, TimeZoneInfo timeZone)
    {
        var options = new RecurringJobOptions { TimeZone = timeZone };

        // Daily at 02:30, outside office hours: walks the whole chain.
        jobs.AddOrUpdate<AuditVerificationJob>(AuditVerification, j => j.RunAsync(CancellationToken.None), "30 2 * * *", options);

        // Hourly at :05: signs the trail's tail with the key held outside the database (ADR 0012).
        jobs.AddOrUpdate<AuditCheckpointJob>(AuditCheckpoint, j => j.RunAsync(CancellationToken.None), "5 * * * *", options);

        // Reminders before due, escalation when breached, the missing-calendar warning.
        jobs.AddOrUpdate<ClockReminderJob>(ClockReminders, j => j.RunAsync(CancellationToken.None), "*/15 * * * *", options);

        // Every minute: sends what the outbox holds (each message at most once, see OutboxDispatcher).
        jobs.AddOrUpdate<OutboxDispatchJob>(OutboxDispatch, j => j.RunAsync(CancellationToken.None), "* * * * *", options);

        // Exports and erasures left half-done by a stopped instance continue where they stopped.
        jobs.AddOrUpdate<SubjectOperationJob>(OperationsResume, j => j.ResumeAsync(CancellationToken.None), "*/5 * * * *", options);

        // Daily at 03:10: export packages past their expiry are deleted (Exports:ExpiryDays).
        jobs.AddOrUpdate<SubjectOperationJob>(ExportsExpire, j => j.DeleteExpiredAsync(CancellationToken.None), "10 3 * * *", options);
    }
}
