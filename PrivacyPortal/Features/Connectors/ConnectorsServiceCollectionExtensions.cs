namespace PrivacyPortal.Features.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    public static IServiceCollection AddPortalConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        // Each connector kind registers itself here as an IConnector.
        services.AddHttpAndManualConnectors(configuration);
        return services;
    }
}
