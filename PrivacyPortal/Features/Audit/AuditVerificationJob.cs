using PrivacyPortal.Jobs;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Features.Audit;

/// <summary>Daily chain verification, recorded in the trail itself so auditors see that it ran and what it found.</summary>
public sealed class AuditVerificationJob(AuditVerifier verifier, AuditTrail trail, JobClaims claims, PortalTime time, ILogger<AuditVerificationJob> logger)
{
    public async Task<AuditVerificationResult?> RunAsync(CancellationToken cancellationToken)
    {
        var period = time.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (!await claims.TryClaimAsync(RecurringJobs.AuditVerification, period, TimeSpan.FromHours(2), cancellationToken))
        {
            logger.LogInformation("Audit verification for {Period} already ran or is running elsewhere", period);
            return null;
        }

        var result = await verifier.VerifyAndRecordAsync(trail, AuditActors.System, cancellationToken);
        await claims.CompleteAsync(RecurringJobs.AuditVerification, period, cancellationToken);
        return result;
    }
}
