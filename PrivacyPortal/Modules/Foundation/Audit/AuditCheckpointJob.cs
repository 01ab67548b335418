using System.Globalization;
using PrivacyPortal.Jobs;

namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>Signs the trail's tail every hour (ADR 0012), once per hour across instances (claimed as in ADR 4).</summary>
public sealed class AuditCheckpointJob(AuditCheckpointService checkpoints, JobClaims claims, TimeProvider time, ILogger<AuditCheckpointJob> logger)
{
    public const string Id = "audit-checkpoint";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var period = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture);
        var ran = await claims.RunOnceAsync(Id, period, TimeSpan.FromMinutes(30),
            async ct => await checkpoints.SignLatestAsync(AuditActors.System, ct), cancellationToken);
        if (!ran)
        {
            logger.LogInformation("Audit checkpoint for {Period} already signed or being signed elsewhere", period);
        }
    }
}
