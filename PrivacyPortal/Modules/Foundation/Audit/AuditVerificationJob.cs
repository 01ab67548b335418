using PrivacyPortal.Jobs;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>Daily chain verification, recorded in the trail itself so auditors see that it ran and what it found.</summary>
public sealed class AuditVerificationJob(AuditVerifier verifier, AuditTrail trail, JobClaims claims, PortalTime time, ILogger<AuditVerificationJob> logger)
{
    public const string Id = "audit-verify";

    public async Task<AuditVerificationResult?> RunAsync(CancellationToken cancellationToken)
    {
        var period = time.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        AuditVerificationResult? result = null;
        var ran = await claims.RunOnceAsync(Id, period, TimeSpan.FromHours(2),
            async ct => result = await verifier.VerifyAndRecordAsync(trail, AuditActors.System, ct), cancellationToken);
        if (!ran)
        {
            logger.LogInformation("Audit verification for {Period} already ran or is running elsewhere", period);
        }
        else if (result is { Intact: false })
        {
            logger.LogError("Audit chain broken at sequence {Sequence}: {Problem}", result.FirstBrokenSequence, result.Problem);
        }
        return result;
    }
}
