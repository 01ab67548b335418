using PrivacyPortal.Features.Campaigns;
using PrivacyPortal.Security;

namespace PrivacyPortal.Features.Breaches;

public static class BreachesServiceCollectionExtensions
{
    /// <summary>Breach incidents, regulator reports, notification campaigns and the policy versions register.</summary>
    public static WebApplicationBuilder AddPortalBreaches(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalBreachServices();
        return builder;
    }

    public static IServiceCollection AddPortalBreachServices(this IServiceCollection services)
    {
        services.AddScoped<BreachService>();
        services.AddScoped<AffectedImportService>();
        services.AddScoped<BreachReportService>();
        services.AddScoped<CampaignService>();
        services.AddScoped<CampaignFanOutJob>();
        return services;
    }

    /// <summary>GET /breaches/reports/{id}/docx: the report as a Word document, for compliance officers, audited.</summary>
    public static IEndpointRouteBuilder MapBreachReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/breaches/reports/{id:long}/docx", async (long id, BreachReportService reports, CancellationToken cancellationToken) =>
            await reports.DocumentAsync(id, cancellationToken) is { } document
                ? Results.File(document.Content, BreachReportDocument.ContentType, document.FileName)
                : Results.NotFound()).RequireAuthorization(Policies.Compliance);
        return app;
    }
}
