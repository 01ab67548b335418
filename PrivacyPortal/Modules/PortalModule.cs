namespace PrivacyPortal.Modules;

/// <summary>
/// One module of the portal (ADR 0014): the single place that plugs its features in. Program.cs adds each module with
/// one line, and the test harnesses call the same entry points, so what a test builds is what the portal runs.
/// </summary>
public abstract class PortalModule
{
    /// <summary>
    /// Where the module sits (ADR 0014): it may use modules on lower layers only, never one on its own layer or above.
    /// 0 Foundation, 1 DataPlane, 2 Cases and Incidents (and the compliance programme), 3 Oversight, 4 Demo.
    /// </summary>
    public abstract int Layer { get; }

    /// <summary>Services, options, recurring jobs (<see cref="Jobs.RecurringJobs.AddRecurringJob{TJob}"/>) and navigation links.</summary>
    public abstract void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment);

    /// <summary>HTTP endpoints that are not Blazor pages (downloads, form posts, probes). Pages are found by the router.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}

public static class PortalModuleExtensions
{
    public static WebApplicationBuilder AddModule(this WebApplicationBuilder builder, PortalModule module)
    {
        builder.Services.AddModule(module, builder.Configuration, builder.Environment);
        return builder;
    }

    public static IServiceCollection AddModule(this IServiceCollection services, PortalModule module, IConfiguration configuration, IHostEnvironment environment)
    {
        module.AddServices(services, configuration, environment);
        services.AddSingleton(module);
        return services;
    }

    /// <summary>Maps the endpoints of every module added to the builder, in the order they were added.</summary>
    public static WebApplication MapModules(this WebApplication app)
    {
        foreach (var module in app.Services.GetServices<PortalModule>())
        {
            module.MapEndpoints(app);
        }
        return app;
    }
}
