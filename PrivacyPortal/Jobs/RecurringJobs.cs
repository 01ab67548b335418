using Hangfire;
using PrivacyPortal.Features.Audit;

namespace PrivacyPortal.Jobs;

/// <summary>The one list of schedules. Times are in the portal's time zone.</summary>
public static class RecurringJobs
{
    public const string AuditVerification = "audit-verify";

    public static void Register(IRecurringJobManager jobs, TimeZoneInfo timeZone)
    {
        var options = new RecurringJobOptions { TimeZone = timeZone };

        // Daily at 02:30, outside office hours: walks the whole chain.
        jobs.AddOrUpdate<AuditVerificationJob>(AuditVerification, j => j.RunAsync(CancellationToken.None), "30 2 * * *", options);
    }
}
