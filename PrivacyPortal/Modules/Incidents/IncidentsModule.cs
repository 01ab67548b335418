using MudBlazor;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents;

/// <summary>Breach incidents (grading, affected people, regulator reports) and the notification campaigns that tell people.</summary>
public sealed class IncidentsModule : PortalModule
{
    public override int Layer => 2;

    public override void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddModuleText<IncidentsText>();

        services.AddScoped<BreachService>();
        services.AddScoped<BreachDutyService>();
        services.AddSingleton<IClockOwners, BreachClockOwners>();
        services.AddScoped<AffectedImportService>();
        services.AddScoped<BreachReportService>();
        services.AddScoped<CampaignService>();
        // Every minute: running notification campaigns continue their fan-out where it stopped (cursor per chunk).
        services.AddRecurringJob<CampaignFanOutJob>("campaigns-fan-out", "* * * * *", j => j.RunAsync(CancellationToken.None));

        services.AddNavLink(new(NavSection.Incidents, IncidentsRoutes.Breaches, "Breaches.Title", Icons.Material.Outlined.GppMaybe, Policies.Compliance) { TestId = "nav-breaches" });
        services.AddNavLink(new(NavSection.Incidents, IncidentsRoutes.Campaigns, "Campaigns.Title", Icons.Material.Outlined.Campaign, Policies.Compliance) { Exact = true, TestId = "nav-campaigns" });
        services.AddNavLink(new(NavSection.Incidents, IncidentsRoutes.PolicyVersions, "Campaigns.Policies.Title", Icons.Material.Outlined.Policy, Policies.Compliance));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // The report as a Word document, for compliance officers, audited.
        endpoints.MapGet("/" + IncidentsRoutes.BreachReportDocumentTemplate, async (long id, BreachReportService reports, CancellationToken cancellationToken) =>
            await reports.DocumentAsync(id, cancellationToken) is { } document
                ? Results.File(document.Content, BreachReportDocument.ContentType, document.FileName)
                : Results.NotFound()).RequireAuthorization(Policies.Compliance);
    }
}
