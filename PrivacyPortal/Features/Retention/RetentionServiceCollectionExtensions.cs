using PrivacyPortal.Features.Backups;

namespace PrivacyPortal.Features.Retention;

public static class RetentionServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalRetentionServices(builder.Configuration);
        return builder;
    }

    /// <summary>Retention rules, purges, legal holds and the backup register, for the app and the service harness.</summary>
    public static IServiceCollection AddPortalRetentionServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.Configure<PortalRecordsOptions>(configuration.GetSection(PortalRecordsOptions.Section));
        services.AddScoped<PortalRecordsExpiry>();
        services.AddScoped<LegalHoldService>();
        services.AddScoped<RetentionService>();
        services.AddScoped<PurgeRunner>();
        services.AddScoped<RetentionJob>();
        services.AddScoped<BackupService>();
        services.AddScoped<BackupFollowUpJob>();
        return services;
    }
}
