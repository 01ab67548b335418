using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace PrivacyPortal.Configuration;

public static class PortalConfiguration
{
    /// <summary>
    /// The settings files live at the repository root and are copied beside the assembly, so <c>dotnet run</c>,
    /// <c>dotnet test</c>, <c>dotnet ef</c> and the published app all read the same file. Environment variables
    /// and the command line keep their precedence over it.
    /// </summary>
    public static WebApplicationBuilder AddPortalConfiguration(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var files = new PhysicalFileProvider(AppContext.BaseDirectory);
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && path.StartsWith("appsettings", StringComparison.Ordinal))
            {
                sources[i] = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = json.ReloadOnChange, FileProvider = files };
            }
        }
        return builder;
    }

    /// <summary>Configuration for tools that run outside the web host (design-time EF).</summary>
    public static IConfiguration ForTools(string? environment = null)
    {
        var baseDirectory = Path.GetDirectoryName(typeof(PortalConfiguration).Assembly.Location)!;
        environment ??= Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }

    /// <summary>Relative paths in settings (App_Data/...) are resolved against the content root.</summary>
    public static string ResolvePath(string contentRoot, string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}
