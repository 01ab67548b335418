using PrivacyPortal.Features.Connectors;
using PrivacyPortal.Features.Inventory;

namespace PrivacyPortal.Features.Subjects;

public static class SubjectsServiceCollectionExtensions
{
    /// <summary>The data plane: inventory, subject directory and connectors.</summary>
    public static WebApplicationBuilder AddPortalDataPlane(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalDataPlaneServices(builder.Configuration);
        return builder;
    }

    /// <summary>Everything, so service tests can build the data plane on a bare container.</summary>
    public static IServiceCollection AddPortalDataPlaneServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubjectsOptions>().Bind(configuration.GetSection(SubjectsOptions.Section))
            .Validate(o => SubjectLookupHasher.IsValidKey(o.LookupKey), "Subjects:LookupKey must be set to a base64 key of at least 32 bytes (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();
        services.AddSingleton<SubjectLookupHasher>();
        services.AddSingleton<IdentifierProtector>();
        services.AddScoped<SubjectDirectory>();
        services.AddSingleton<ConnectorSecrets>();
        services.AddPortalConnectors(configuration);
        services.AddPortalInventory();
        services.AddInventoryDemoData();
        return services;
    }
}
