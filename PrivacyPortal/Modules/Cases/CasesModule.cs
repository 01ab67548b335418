using Microsoft.AspNetCore.Mvc;
using MudBlazor;
using PrivacyPortal.Configuration;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules.Cases.Backups;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases;

/// <summary>
/// What the portal does for one person or one rule: data-subject requests (intake, verification, decision,
/// fulfilment, delivery, answer), retention rules with purges and legal holds, and the backup register whose
/// rotation ends an erasure.
/// </summary>
public sealed class CasesModule : PortalModule
{
    public override int Layer => 2;

    public override void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddModuleText<CasesText>();

        // Data-subject requests.
        services.Configure<RequestsOptions>(configuration.GetSection(RequestsOptions.Section));
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section);
        services.AddScoped<RequestService>();
        services.AddScoped<RequestCaseService>();
        services.AddScoped<CaseClockService>();
        services.AddSingleton<IClockCopy, RequestDueCopy>();
        services.AddSingleton<IClockOwners>(new RequestClockOwners(RequestClockOwners.Request));
        services.AddSingleton<IClockOwners>(new RequestClockOwners(RequestClockOwners.RecipientNotice));
        services.AddScoped<CorrectionService>();
        services.AddScoped<RequestReadbackService>();
        services.AddScoped<RequestQueueService>();
        services.AddScoped<VerificationService>();
        services.AddScoped<AccessDeliveryService>();
        services.AddSingleton<DeliveryGuard>();
        services.AddSingleton(new SecretPath("/delivery/", DeliveryGuard.LoggedPath));

        // Retention, legal holds, the portal's own records.
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.Configure<PortalRecordsOptions>(configuration.GetSection(PortalRecordsOptions.Section));
        services.AddScoped<PortalRecordsExpiry>();
        services.AddScoped<LegalHoldService>();
        services.AddScoped<RetentionService>();
        services.AddScoped<PurgeRunner>();
        // Purges at 01:00 (quiet hours, batched and paused); the portal's own records (Retention:PortalRecords) at
        // 01:30; holds past review raised at 08:00.
        services.AddRecurringJob<RetentionJob>("retention-purge", "0 1 * * *", j => j.PurgeAsync(CancellationToken.None));
        services.AddRecurringJob<RetentionJob>("retention-portal-records", "30 1 * * *", j => j.ExpirePortalRecordsAsync(CancellationToken.None));
        services.AddRecurringJob<RetentionJob>("legal-hold-reviews", "0 8 * * *", j => j.RaiseHoldReviewsAsync(CancellationToken.None));
        // A purge whose instance stopped mid-run continues within minutes, not at the next night's run.
        services.AddRecurringJob<RetentionJob>("retention-resume", "*/5 * * * *", j => j.ResumeAsync(CancellationToken.None));

        // Backups: sets recorded and follow-ups closed or escalated at 04:00, after the nightly backups have rotated.
        services.AddScoped<BackupService>();
        services.AddRecurringJob<BackupFollowUpJob>("backup-follow-ups", "0 4 * * *", j => j.RunAsync(CancellationToken.None));

        services.AddNavLink(new(NavSection.Requests, CasesRoutes.Intake, "Nav.Intake", Icons.Material.Outlined.AddIcCall, Policies.RequestIntake) { TestId = "nav-intake" });
        services.AddNavLink(new(NavSection.Requests, CasesRoutes.Readback, "Nav.Readback", Icons.Material.Outlined.RecordVoiceOver, Policies.RequestIntake) { TestId = "nav-readback" });
        services.AddNavLink(new(NavSection.Requests, CasesRoutes.Queue, "Nav.Queue", Icons.Material.Outlined.Inbox, Policies.Compliance) { Exact = true, TestId = "nav-queue" });
        services.AddNavLink(new(NavSection.Retention, CasesRoutes.Retention, "Nav.Retention", Icons.Material.Outlined.AutoDelete, Policies.Compliance) { Exact = true, TestId = "nav-retention" });
        services.AddNavLink(new(NavSection.Retention, CasesRoutes.Holds, "Nav.LegalHolds", Icons.Material.Outlined.Gavel, Policies.Compliance) { TestId = "nav-holds" });
        services.AddNavLink(new(NavSection.Systems, CasesRoutes.Backups, "Nav.Backups", Icons.Material.Outlined.Backup, Policies.SystemManage) { TestId = "nav-backups" });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // The code form of DeliveryPage posts here (anti-forgery checked for the form). A right code streams the
        // package; anything else goes back to the page with a message.
        endpoints.MapPost("/" + CasesRoutes.DeliveryDownloadTemplate, async (
            string token,
            [FromForm(Name = "code")] string? code,
            HttpContext context,
            [FromServices] DeliveryGuard guard,
            [FromServices] AccessDeliveryService deliveries,
            CancellationToken cancellationToken) =>
        {
            // Binding is done: the request log gets the path without the token.
            DeliveryGuard.Redact(context);
            var page = "/" + CasesRoutes.Delivery(token);
            if (!guard.TryEnter(context))
            {
                return Results.Redirect(page + "?r=" + DeliveryPage.Busy);
            }
            var result = await deliveries.RedeemAsync(token, code, cancellationToken);
            if (result.Outcome == DeliveryOutcome.Ready)
            {
                context.Response.Headers.CacheControl = "no-store";
                return Results.Stream(result.Content!, "application/zip", result.FileName);
            }
            var query = "?r=" + result.Outcome.ToString();
            if (result.Outcome == DeliveryOutcome.WrongCode)
            {
                query += "&left=" + result.AttemptsLeft.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            // Back to the page with a GET: a refresh does not post the code again.
            return Results.Redirect(page + query);
        }).AllowAnonymous();
    }
}
