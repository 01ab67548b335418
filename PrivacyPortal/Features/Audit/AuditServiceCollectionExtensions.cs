using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PrivacyPortal.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditChainWriter>();
        services.AddSingleton<AuditVerifier>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<CircuitHandler, ClientIpCircuitHandler>();
        services.AddPortalAuditWorkspaceServices(builder.Configuration);
        return builder;
    }
}
