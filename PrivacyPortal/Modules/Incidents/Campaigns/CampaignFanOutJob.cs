namespace PrivacyPortal.Modules.Incidents.Campaigns;

/// <summary>Continues every running campaign's fan-out where it stopped and completes those with nothing left to send.</summary>
public sealed class CampaignFanOutJob(CampaignService campaigns)
{
    public Task RunAsync(CancellationToken cancellationToken) => campaigns.RunPendingAsync(cancellationToken);
}
