using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents;

/// <summary>The UI text of the Incidents module (IncidentsText.resx, IncidentsText.zh-CN.resx beside it) and the key families of its enums.</summary>
public sealed class IncidentsText
{
    public static readonly EnumText<BreachEventKind> BreachesEvent = new("Breaches.Event");

    public static readonly EnumText<BreachGrade> BreachesGrade = new("Breaches.Grade");

    public static readonly EnumText<ReportAuthority> BreachesReportAuthority = new("Breaches.Report.Authority");

    public static readonly EnumText<BreachReportKind> BreachesReportKind = new("Breaches.Report.Kind");

    public static readonly EnumText<BreachStatus> BreachesStatus = new("Breaches.Status");

    public static readonly EnumText<BreachStep> BreachesStep = new("Breaches.Step");

    public static readonly EnumText<CampaignChannels> CampaignsChannel = new("Campaigns.Channel", CampaignChannels.Email, CampaignChannels.Sms, CampaignChannels.Push, CampaignChannels.Announcement);

    public static readonly EnumText<CampaignKind> CampaignsContents = new("Campaigns.Contents");

    public static readonly EnumText<CampaignKind> CampaignsKind = new("Campaigns.Kind");

    public static readonly EnumText<CampaignStatus> CampaignsStatus = new("Campaigns.Status");
}
