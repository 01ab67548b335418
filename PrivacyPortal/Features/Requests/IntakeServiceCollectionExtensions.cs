namespace PrivacyPortal.Features.Requests;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>The intake page's helpers and the status read-back.</summary>
    public static IServiceCollection AddRequestIntake(this IServiceCollection services)
    {
        services.AddScoped<RequestReadbackService>();
        return services;
    }
}
