using Hangfire;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Foundation;

namespace PrivacyPortal.Jobs;

public static class JobsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalJobs(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new();
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var storage = jobs.Storage == JobStorageKind.Auto
            ? provider == DatabaseProvider.SqlServer ? JobStorageKind.SqlServer : JobStorageKind.Sqlite
            : jobs.Storage;
        var contentRoot = builder.Environment.ContentRootPath;

        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (storage)
            {
                case JobStorageKind.InMemory:
                    config.UseInMemoryStorage();
                    break;
                case JobStorageKind.Sqlite:
                    var file = PortalConfiguration.ResolvePath(contentRoot, configuration.GetConnectionString("HangfireSqlite") ?? "App_Data/hangfire.db");
                    config.UseSQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(5) });
                    break;
                case JobStorageKind.SqlServer:
                    // One queue shared by every instance; Hangfire's distributed locks fire each recurring job once.
                    config.UseSqlServerStorage(
                        configuration.GetConnectionString("HangfireSqlServer") ?? configuration.GetConnectionString("SqlServer"),
                        new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" });
                    break;
            }
        });
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(o => o.WorkerCount = Math.Max(1, jobs.WorkerCount));
        }
        builder.Services.AddSingleton<JobClaims>();
        return builder;
    }

    public static WebApplication UsePortalJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/" + FoundationRoutes.Jobs, new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            AppPath = "/",
            DisplayStorageConnectionString = false,
            DashboardTitle = "Privacy Portal · Jobs",
        }).RequireAuthorization(Policies.Admin);

        RecurringJobs.Register(app.Services, app.Services.GetRequiredService<PortalTime>().Zone);
        return app;
    }

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
