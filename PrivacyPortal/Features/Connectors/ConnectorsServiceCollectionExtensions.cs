using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Features.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseConnectorOptions>(configuration.GetSection(DatabaseConnectorOptions.Section));
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.AddSingleton<EncryptedFiles>();
        services.AddSingleton<ExportStorage>();
        services.AddSingleton<DatabaseConnector>();
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<DatabaseConnector>());
        services.AddScoped<ConnectorTargets>();
        services.AddScoped<ExportPackageBuilder>();
        services.AddScoped<ExportPackageService>();
        services.AddScoped<SubjectOperationService>();
        services.AddScoped<SubjectOperationJob>();
        services.AddScoped<DiscoveryService>();
        services.AddScoped<ConnectorSettingsService>();
        services.AddHttpAndManualConnectors(configuration);
        return services;
    }

    /// <summary>GET /exports/{id}/download: the decrypted package, for compliance officers, audited.</summary>
    public static IEndpointRouteBuilder MapPortalExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/{id:long}/download", async (long id, ExportPackageService packages, CancellationToken cancellationToken) =>
        {
            var opened = await packages.OpenAsync(id, cancellationToken);
            return opened is { } found
                ? Results.Stream(found.Content, "application/zip", ExportPackageService.DownloadName(found.Package))
                : Results.NotFound();
        }).RequireAuthorization(Policies.Compliance);
        return app;
    }
}
