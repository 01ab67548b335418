using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivacyPortal.Modules;
using PrivacyPortal.Modules.Cases;
using PrivacyPortal.Modules.DataPlane;
using PrivacyPortal.Modules.Foundation;
using PrivacyPortal.Modules.Incidents;
using PrivacyPortal.Modules.Oversight;

namespace PrivacyPortal.Bench;

internal static class BenchModules
{
    /// <summary>The portal's modules through the same entry points as Program.cs (the bench provides the host's parts).</summary>
    public static IServiceCollection AddPortalModules(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        foreach (var module in new PortalModule[] { new FoundationModule(), new DataPlaneModule(), new CasesModule(), new IncidentsModule(), new OversightModule() })
        {
            services.AddModule(module, configuration, environment);
        }
        return services;
    }
}

/// <summary>A Production host environment rooted in the bench's folder (the build output unless given).</summary>
internal sealed class BenchEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Production";

    public string ApplicationName { get; set; } = "PrivacyPortal";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
}
