namespace PrivacyPortal.Features.Requests;

public static class QueueServiceCollectionExtensions
{
    public static IServiceCollection AddRequestQueue(this IServiceCollection services)
    {
        services.AddScoped<RequestQueueService>();
        return services;
    }
}
