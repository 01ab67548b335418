using Serilog;
using Serilog.Events;

namespace PrivacyPortal.Configuration;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog: levels from the Serilog section, console plus a daily rolling file (Portal:LogFile, relative to the
    /// content root like the database). Log lines carry ids only; features never log names, phone numbers or
    /// e-mail addresses, and request logging writes the path without the query string.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSerilog((services, logger) =>
        {
            var portal = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new();
            logger.ReadFrom.Configuration(configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .WriteTo.File(
                    PortalConfiguration.ResolvePath(contentRoot, portal.LogFile),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: portal.LogRetainedDays,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        });
        return builder;
    }

    /// <summary>
    /// The request log: one line per request, path without the query string, and a path that carries a secret
    /// (see <see cref="SecretPath"/>) written as its placeholder, whatever happened to the request (refused
    /// before its endpoint ran, failed, or not found).
    /// </summary>
    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app)
    {
        var secrets = app.ApplicationServices.GetServices<SecretPath>().ToList();
        return app.UseSerilogRequestLogging(o => o.GetMessageTemplateProperties = (context, path, elapsed, status) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(
                secrets.FirstOrDefault(s => path.StartsWith(s.Prefix, StringComparison.OrdinalIgnoreCase))?.LoggedAs ?? path)),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ]);
    }
}

/// <summary>A path prefix whose rest is a secret, such as a link's token; the request log writes <paramref name="LoggedAs"/> instead.</summary>
public sealed record SecretPath(string Prefix, string LoggedAs);
