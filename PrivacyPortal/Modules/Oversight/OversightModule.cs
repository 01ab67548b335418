using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;
using PrivacyPortal.Modules.Oversight.Dashboard;
using PrivacyPortal.Modules.Oversight.Reports;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Oversight;

/// <summary>
/// Looking at everything else: the auditor workspace (search, access review, integrity, exports), the dashboard and
/// the compliance report. It reads every module below it and nothing below reads it.
/// </summary>
public sealed class OversightModule : PortalModule
{
    public override int Layer => 3;

    public override void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddModuleText<OversightText>();

        services.Configure<AuditAnomalyOptions>(configuration.GetSection(AuditAnomalyOptions.Section));
        services.AddScoped<AuditSearchService>();
        services.AddScoped<AccessReviewService>();
        services.AddScoped<AuditIntegrityService>();
        services.AddScoped<AuditExportService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<ComplianceReportService>();

        services.AddNavLink(new(NavSection.Audit, OversightRoutes.AuditSearch, "Audit.Nav.Search", Icons.Material.Outlined.ManageSearch, Policies.AuditReview) { Exact = true, TestId = "nav-audit" });
        services.AddNavLink(new(NavSection.Audit, OversightRoutes.AccessReview, "Audit.Nav.Access", Icons.Material.Outlined.VisibilityOff, Policies.AuditReview) { TestId = "nav-audit-access" });
        services.AddNavLink(new(NavSection.Audit, OversightRoutes.Integrity, "Audit.Nav.Integrity", Icons.Material.Outlined.VerifiedUser, Policies.AuditReview) { TestId = "nav-audit-integrity" });
        services.AddNavLink(new(NavSection.Audit, OversightRoutes.Reports, "Reports.Title", Icons.Material.Outlined.Summarize, Policies.AuditReview) { TestId = "nav-reports" });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // The search page's query string: streamed, hashed, signed, audited.
        endpoints.MapGet("/" + OversightRoutes.AuditExportTemplate, async (string format, HttpContext http, AuditExportService exports, TimeProvider time,
            IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            var kind = AuditExportService.Parse(format) ?? AuditExportFormat.Csv;
            var (filter, sort) = AuditQueryString.Parse(http.Request.Query);
            var errors = http.RequestServices.GetRequiredService<AuditSearchService>().Validate(filter, out _);
            if (!errors.IsValid)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsync(string.Join("\n", errors.Values.Select(k => localizer[k].Value)), cancellationToken);
                return;
            }
            http.Response.ContentType = AuditExportService.ContentType(kind);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{AuditExportService.FileName(kind, time.GetUtcNow().UtcDateTime)}\"";
            http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
            await exports.ExportAsync(filter, sort, kind, http.Response.Body, cancellationToken);
        }).RequireAuthorization(Policies.AuditReview);

        // Signs the tail now and downloads the checkpoint; the public key verifies it. Signing writes a checkpoint,
        // so it is a form post with the anti-forgery token, never a link a page could make a browser follow.
        endpoints.MapPost("/" + OversightRoutes.LatestCheckpoint, async (HttpContext http, IAntiforgery antiforgery, AuditCheckpointService checkpoints, CancellationToken cancellationToken) =>
        {
            // No form fields to bind, so nothing else would look at the token.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }
            var checkpoint = await checkpoints.SignLatestAsync(cancellationToken: cancellationToken);
            return checkpoint is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(checkpoint.ToJson()), "application/json", AuditCheckpointService.FileName(checkpoint));
        }).RequireAuthorization(Policies.AuditReview);
        endpoints.MapGet("/" + OversightRoutes.PublicKey, (AuditSigningKey key) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(key.PublicKeyPem), "application/x-pem-file", $"audit-public-key-{key.KeyId}.pem"))
            .RequireAuthorization(Policies.AuditReview);

        // ?from=yyyy-MM-dd&to=yyyy-MM-dd: the compliance report, audited; a bad period is a 400 with the field messages.
        endpoints.MapGet("/" + OversightRoutes.ComplianceReportDocument, async (string? from, string? to, ComplianceReportService reports, CancellationToken cancellationToken) =>
        {
            var (f, t, errors) = ComplianceReportService.Parse(from, to);
            if (!errors.IsValid || f is not { } start || t is not { } end)
            {
                return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
            }
            var document = await reports.DocumentAsync(start, end, cancellationToken);
            return Results.File(document.Content, ComplianceReportDocument.ContentType, document.FileName);
        }).RequireAuthorization(Policies.AuditReview);
    }
}
