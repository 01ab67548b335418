using Microsoft.Extensions.Options;

namespace PrivacyPortal.Features.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalNotificationServices(builder.Configuration);
        builder.Services.AddHostedService<TemplateSeedingService>();
        return builder;
    }

    /// <summary>Everything but the startup seeding, so service tests can build the feature on a bare container.</summary>
    public static IServiceCollection AddPortalNotificationServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationsOptions>(configuration.GetSection(NotificationsOptions.Section));
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<RecipientProtector>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<TemplateSeeder>();
        services.AddSingleton<ChannelThrottle>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<OutboxDispatchJob>();
        services.AddScoped<TemplateService>();
        services.AddScoped<OutboxQueries>();

        services.AddHttpClient(SmsSender.ClientName, (sp, c) => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Sms.TimeoutSeconds)));
        services.AddHttpClient(PushSender.ClientName, (sp, c) => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Push.TimeoutSeconds)));
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddSingleton<INotificationSender, SmsSender>();
        services.AddSingleton<INotificationSender, PushSender>();
        services.AddSingleton<INotificationSender, AnnouncementSender>();
        return services;
    }
}
