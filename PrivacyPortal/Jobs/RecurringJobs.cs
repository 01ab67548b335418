using Hangfire;
using PrivacyPortal.Features.Audit;
using PrivacyPortal.Features.Clocks;
using PrivacyPortal.Features.Connectors;
using PrivacyPortal.Features.Backups;
using PrivacyPortal.Features.Notifications;
using PrivacyPortal.Features.Retention;

namespace PrivacyPortal.Jobs;

/// <summary>The one list of schedules. Times are in the portal's time zone.</summary>
public static class RecurringJobs
{
    public const string AuditVerification = "audit-verify";
    public const string AuditCheckpoint = "audit-checkpoint";
    public const string AuditRetention = "audit-retention";
    public const string ClockReminders = "clock-reminders";
    public const string OutboxDispatch = "notifications-outbox";
    public const string OperationsResume = "subject-operations-resume";
    public const string ExportsExpire = "exports-expire";
    public const string RetentionPurge = "retention-purge";
    public const string LegalHoldReviews = "legal-hold-reviews";
    public const string PortalRecordsExpiry = "retention-portal-records";
    public const string BackupFollowUps = "backup-follow-ups";
    public const string CampaignFanOut = "campaigns-fan-out";

    public static void Register(IRecurringJobManager jobs, TimeZoneInfo timeZone)
    {
        var options = new RecurringJobOptions { TimeZone = timeZone };

        // Daily at 02:30, outside office hours: walks the whole chain.
        jobs.AddOrUpdate<AuditVerificationJob>(AuditVerification, j => j.RunAsync(CancellationToken.None), "30 2 * * *", options);

        // Hourly at :05: signs the trail's tail with the key held outside the database (ADR 0012).
        jobs.AddOrUpdate<AuditCheckpointJob>(AuditCheckpoint, j => j.RunAsync(CancellationToken.None), "5 * * * *", options);

        // Monthly on the 1st at 04:40: deletes events older than Audit:Retention:Years from a verified chain (ADR 0013).
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetention, j => j.RunAsync(CancellationToken.None), "40 4 1 * *", options);

        // Reminders before due, escalation when breached, the missing-calendar warning.
        jobs.AddOrUpdate<ClockReminderJob>(ClockReminders, j => j.RunAsync(CancellationToken.None), "*/15 * * * *", options);

        // Every minute: sends what the outbox holds (each message at most once, see OutboxDispatcher).
        jobs.AddOrUpdate<OutboxDispatchJob>(OutboxDispatch, j => j.RunAsync(CancellationToken.None), "* * * * *", options);

        // Exports and erasures left half-done by a stopped instance continue where they stopped.
        jobs.AddOrUpdate<SubjectOperationJob>(OperationsResume, j => j.ResumeAsync(CancellationToken.None), "*/5 * * * *", options);

        // Daily at 03:10: export packages past their expiry are deleted (Exports:ExpiryDays).
        jobs.AddOrUpdate<SubjectOperationJob>(ExportsExpire, j => j.DeleteExpiredAsync(CancellationToken.None), "10 3 * * *", options);

        // Retention: purges at 01:00 (quiet hours, batched and paused); holds past review raised at 08:00; backup sets
        // recorded and follow-ups closed or escalated at 04:00, after the nightly backups have rotated.
        jobs.AddOrUpdate<RetentionJob>(RetentionPurge, j => j.PurgeAsync(CancellationToken.None), "0 1 * * *", options);
        // The portal's own records: closed cases' free text, message bodies and old verification codes (Retention:PortalRecords).
        jobs.AddOrUpdate<RetentionJob>(PortalRecordsExpiry, j => j.ExpirePortalRecordsAsync(CancellationToken.None), "30 1 * * *", options);
        jobs.AddOrUpdate<RetentionJob>(LegalHoldReviews, j => j.RaiseHoldReviewsAsync(CancellationToken.None), "0 8 * * *", options);
        jobs.AddOrUpdate<BackupFollowUpJob>(BackupFollowUps, j => j.RunAsync(CancellationToken.None), "0 4 * * *", options);
        // Every minute: running notification campaigns continue their fan-out where it stopped (cursor per chunk).
        jobs.AddOrUpdate<PrivacyPortal.Features.Campaigns.CampaignFanOutJob>(CampaignFanOut, j => j.RunAsync(CancellationToken.None), "* * * * *", options);
    }
}
