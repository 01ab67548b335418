using PrivacyPortal.Security;

namespace PrivacyPortal.Features.Reports;

public static class ReportsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPortalReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddPortalReportsServices();
        return builder;
    }

    public static IServiceCollection AddPortalReportsServices(this IServiceCollection services) =>
        services.AddScoped<ComplianceReportService>();

    /// <summary>GET /reports/compliance.docx?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: the compliance report, audited; a bad period is a 400 with the field messages.</summary>
    public static IEndpointRouteBuilder MapComplianceReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/compliance.docx", async (string? from, string? to, ComplianceReportService reports, CancellationToken cancellationToken) =>
        {
            var (f, t, errors) = ComplianceReportService.Parse(from, to);
            if (!errors.IsValid || f is not { } start || t is not { } end)
            {
                return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
            }
            var document = await reports.DocumentAsync(start, end, cancellationToken);
            return Results.File(document.Content, ComplianceReportDocument.ContentType, document.FileName);
        }).RequireAuthorization(Policies.AuditReview);
        return app;
    }
}
