using System.Globalization;
using Microsoft.Extensions.Options;
using PrivacyPortal.Features.Dashboard;
using PrivacyPortal.Security;

namespace PrivacyPortal.Features.Audit;

/// <summary>The auditor workspace: search, access review, integrity (verifier, checkpoints), exports, and the dashboards.</summary>
public static class AuditWorkspaceExtensions
{
    public static IServiceCollection AddPortalAuditWorkspaceServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditAnomalyOptions>(configuration.GetSection(AuditAnomalyOptions.Section));
        services.Configure<AuditCheckpointOptions>(configuration.GetSection(AuditCheckpointOptions.Section));
        services.Configure<AuditRetentionOptions>(configuration.GetSection(AuditRetentionOptions.Section));
        services.AddSingleton(sp => AuditSigningKey.Load(sp.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddScoped<AuditSearchService>();
        services.AddScoped<AccessReviewService>();
        services.AddScoped<AuditIntegrityService>();
        services.AddScoped<AuditCheckpointService>();
        services.AddScoped<AuditCheckpointJob>();
        services.AddScoped<AuditRetention>();
        services.AddScoped<AuditRetentionJob>();
        services.AddScoped<AuditExportService>();
        services.AddScoped<DashboardService>();
        return services;
    }

    /// <summary>
    /// GET /audit/export.csv and /audit/export.xlsx with the search page's query string: streamed, hashed, signed, audited.
    /// GET /audit/checkpoints/latest: signs the tail now and downloads the checkpoint; GET /audit/public-key: the key that verifies both.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditWorkspace(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/export.{format:regex(^(csv|xlsx)$)}", async (string format, HttpContext http, AuditExportService exports, TimeProvider time,
            Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource> localizer, CancellationToken cancellationToken) =>
        {
            var kind = format == "csv" ? AuditExportFormat.Csv : AuditExportFormat.Xlsx;
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

        app.MapGet("/audit/checkpoints/latest", async (AuditCheckpointService checkpoints, CancellationToken cancellationToken) =>
        {
            var checkpoint = await checkpoints.SignLatestAsync(cancellationToken: cancellationToken);
            return checkpoint is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(checkpoint.ToJson()), "application/json", AuditCheckpointService.FileName(checkpoint));
        }).RequireAuthorization(Policies.AuditReview);

        app.MapGet("/audit/public-key", (AuditSigningKey key) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(key.PublicKeyPem), "application/x-pem-file", $"audit-public-key-{key.KeyId}.pem"))
            .RequireAuthorization(Policies.AuditReview);
        return app;
    }
}

/// <summary>The search page's filter in a URL, so charts and other pages can link to a filtered list and exports repeat the search.</summary>
public static class AuditQueryString
{
    public static (AuditFilter Filter, AuditSort Sort) Parse(IQueryCollection query)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        return (new AuditFilter(Get("from"), Get("to"), Get("actor"), Get("action"), Get("target"), Get("subject"),
            Enum.TryParse<AuditOutcome>(Get("outcome"), true, out var outcome) ? outcome : null, Get("ip")),
            Enum.TryParse<AuditSort>(Get("sort"), true, out var sort) ? sort : AuditSort.Newest);
    }

    public static string Build(AuditFilter f, AuditSort sort = AuditSort.Newest)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add("from", f.From);
        Add("to", f.To);
        Add("actor", f.Actor);
        Add("action", f.Action);
        Add("target", f.Target);
        Add("subject", f.SubjectId);
        Add("outcome", f.Outcome?.ToString());
        Add("ip", f.ClientIp);
        if (sort != AuditSort.Newest)
        {
            Add("sort", sort.ToString());
        }
        return string.Join('&', parts);
    }

    public static string Search(AuditFilter f) => "audit?" + Build(f);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
