using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Health;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Foundation.Setup;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation;

/// <summary>
/// What every other module builds on: the audit trail (append-only, hash-chained, signed checkpoints, retention),
/// staff accounts and first-run setup, deadlines (calendar, rules, clocks), notifications (templates, outbox,
/// channels, public notices) and health.
/// </summary>
public sealed class FoundationModule : PortalModule
{
    public override int Layer => 0;

    public override void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // The portal's text: the shared set and each module's own (each module adds its set below).
        services.AddPortalText();
        services.AddModuleText<FoundationText>();

        // Audit trail.
        services.Configure<AuditCheckpointOptions>(configuration.GetSection(AuditCheckpointOptions.Section));
        services.Configure<AuditRetentionOptions>(configuration.GetSection(AuditRetentionOptions.Section));
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditChainWriter>();
        services.AddSingleton<AuditVerifier>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<CircuitHandler, ClientIpCircuitHandler>();
        services.AddSingleton(sp => AuditSigningKey.Load(sp.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddScoped<AuditCheckpointService>();
        services.AddScoped<AuditRetention>();
        // Daily at 02:30, outside office hours: walks the whole chain.
        services.AddRecurringJob<AuditVerificationJob>(AuditVerificationJob.Id, "30 2 * * *", j => j.RunAsync(CancellationToken.None));
        // Hourly at :05: signs the trail's tail with the key held outside the database (ADR 0012).
        services.AddRecurringJob<AuditCheckpointJob>(AuditCheckpointJob.Id, "5 * * * *", j => j.RunAsync(CancellationToken.None));
        // Monthly on the 1st at 04:40: deletes events older than Audit:Retention:Years from a verified chain (ADR 0013).
        services.AddRecurringJob<AuditRetentionJob>(AuditRetentionJob.Id, "40 4 1 * *", j => j.RunAsync(CancellationToken.None));

        // Who may do what: the policies pages declare, and the same check in privileged service operations.
        services.AddAuthorizationCore(Policies.Add);
        services.AddSingleton<IAuthorizationHandler, TwoFactorRequirementHandler>();
        services.AddScoped<AccessGuard>();

        // Staff and first-run setup (demo data is the Demo module's, in Development only).
        services.AddScoped<StaffService>();
        services.AddSingleton<SetupState>();
        services.AddScoped<SetupService>();

        // Deadlines.
        services.Configure<ClocksOptions>(configuration.GetSection(ClocksOptions.Section));
        services.AddSingleton<CalendarCache>();
        services.AddScoped<CalendarService>();
        services.AddScoped<ClockService>();
        services.AddScoped<ClockOwnerNames>();
        services.AddScoped<ClockPresetService>();
        // Reminders before due, escalation when breached, the missing-calendar warning.
        services.AddRecurringJob<ClockReminderJob>("clock-reminders", "*/15 * * * *", j => j.RunAsync(CancellationToken.None));

        // Notifications.
        services.Configure<NotificationsOptions>(configuration.GetSection(NotificationsOptions.Section));
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<RecipientProtector>();
        services.AddSingleton<MessageSecrets>();
        // Fails the start, not the first message: a Production portal without a relay says so at once.
        MailPickupFolder.CheckAllowed(configuration.GetSection(NotificationsOptions.Section).Get<NotificationsOptions>()?.Email ?? new(), environment);
        services.AddSingleton<MailPickupFolder>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<TemplateSeeder>();
        services.AddHostedService<TemplateSeedingService>();
        services.AddSingleton<ChannelThrottle>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<UrgentOutboxLookout>();
        services.AddScoped<TemplateService>();
        services.AddScoped<OutboxQueries>();
        services.AddScoped<MessageStatusService>();
        services.AddHttpClient(SmsSender.ClientName, (sp, c) => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Sms.TimeoutSeconds)));
        services.AddHttpClient(PushSender.ClientName, (sp, c) => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Push.TimeoutSeconds)));
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddSingleton<INotificationSender, SmsSender>();
        services.AddSingleton<INotificationSender, PushSender>();
        services.AddSingleton<INotificationSender, AnnouncementSender>();
        // Every minute: sends what the outbox holds (each message at most once, see OutboxDispatcher).
        services.AddRecurringJob<OutboxDispatchJob>("notifications-outbox", "* * * * *", j => j.RunAsync(CancellationToken.None));

        // Health.
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.Section));
        services.Configure<HealthOptions>(configuration.GetSection(HealthOptions.Section));
        services.AddSingleton<HealthResultCache>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(PortalHealthChecks.Database)
            .AddCheck<DiskHealthCheck>(PortalHealthChecks.Disk)
            .AddCheck<JobsHealthCheck>(PortalHealthChecks.Jobs);

        services.AddNavLink(new(NavSection.Deadlines, FoundationRoutes.Clocks, "Nav.Clocks", Icons.Material.Outlined.Timer, Policies.Compliance) { Exact = true, TestId = "nav-clocks" });
        services.AddNavLink(new(NavSection.Deadlines, FoundationRoutes.Calendar, "Nav.Calendar", Icons.Material.Outlined.CalendarMonth, Policies.Compliance));
        services.AddNavLink(new(NavSection.Deadlines, FoundationRoutes.Presets, "Nav.Presets", Icons.Material.Outlined.Rule, Policies.Compliance));
        services.AddNavLink(new(NavSection.Notifications, FoundationRoutes.Templates, "Nav.NotificationTemplates", Icons.Material.Outlined.Article, Policies.Compliance));
        services.AddNavLink(new(NavSection.Notifications, FoundationRoutes.Outbox, "Nav.Outbox", Icons.Material.Outlined.Outbox, Policies.Compliance));
        services.AddNavLink(new(NavSection.Notifications, FoundationRoutes.Notices, "Nav.Notices", Icons.Material.Outlined.Campaign, Policies.Compliance) { ForceLoad = true });
        services.AddNavLink(new(NavSection.Administration, FoundationRoutes.Staff, "Nav.Staff", Icons.Material.Outlined.People, Policies.Admin) { TestId = "nav-staff" });
        services.AddNavLink(new(NavSection.Administration, FoundationRoutes.Health, "Nav.Health", Icons.Material.Outlined.MonitorHeart, Policies.Admin));
        services.AddNavLink(new(NavSection.Administration, FoundationRoutes.Jobs, "Nav.Jobs", Icons.Material.Outlined.Schedule, Policies.Admin) { ForceLoad = true });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // For load balancers: the overall status word only. Admins see the detail on the health page. A probe reads
        // (GET or HEAD); any other method is refused like on every other route without a form.
        endpoints.MapHealthChecks("/" + FoundationRoutes.HealthProbe, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
    }
}
