using Serilog;

namespace PrivacyPortal.Configuration;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog from the Serilog section: console and a daily rolling file. Log lines carry ids only; features
    /// never log names, phone numbers or e-mail addresses, and request logging writes the path without the query.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        // File sink paths in settings are relative to the content root, like the database.
        foreach (var sink in builder.Configuration.GetSection("Serilog:WriteTo").GetChildren())
        {
            var path = sink["Args:path"];
            if (path is not null && !Path.IsPathRooted(path))
            {
                builder.Configuration[$"{sink.Path}:Args:path"] = PortalConfiguration.ResolvePath(contentRoot, path);
            }
        }
        return builder;
    }
}
