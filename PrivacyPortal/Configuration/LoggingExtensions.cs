using Serilog;

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
}
