namespace PrivacyPortal.Features.Requests;

public static class RequestsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalRequestServices(builder.Configuration);
        return builder;
    }

    /// <summary>Everything, so service tests can build the feature on a bare container.</summary>
    public static IServiceCollection AddPortalRequestServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RequestsOptions>(configuration.GetSection(RequestsOptions.Section));
        services.AddScoped<RequestService>();
        services.AddScoped<RequestCaseService>();
        services.AddScoped<CaseClockService>();
        services.AddScoped<CorrectionService>();

        services.AddRequestIntake();

        services.AddRequestVerification();

        services.AddRequestQueue();

        return services;
    }
}
