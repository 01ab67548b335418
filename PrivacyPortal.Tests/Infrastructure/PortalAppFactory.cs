using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace PrivacyPortal.Tests.Infrastructure;

/// <summary>
/// The real portal on a real SQLite file of its own, with in-memory Hangfire storage (Hangfire.Storage.SQLite
/// polls in slow bursts) and its log file in the test's folder. Pass <paramref name="databasePath"/> to run a
/// second instance on the same database.
/// </summary>
public sealed class PortalAppFactory(string? databasePath = null, string environment = "Testing", IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    static PortalAppFactory()
    {
        // Hundreds of hosts start in one run: none watches its settings files (each watch is an inotify instance,
        // and the machine's limit is 128), since no test changes a file under a running host.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    /// <summary>What Production needs to start at all (key protection, the mail folder allowed), plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> ProductionSettings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Notifications:Email:AllowPickupFolder"] = "true",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    private readonly TestFolder folder = new();

    public string DatabasePath { get; } = databasePath ?? Path.Combine(Path.GetTempPath(), "pp-tests", $"{Guid.NewGuid():N}.db");

    public string LogDirectory => folder.Path;

    /// <summary>Replaces the system clock when set before the host starts.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>The Kestrel address after <see cref="StartRealServer"/>.</summary>
    public string ServerAddress => Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    public IEnumerable<string> LogLines() => !Directory.Exists(LogDirectory) ? [] :
        Directory.EnumerateFiles(LogDirectory, "*.log").SelectMany(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n');
        }).ToList();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        builder.UseEnvironment(environment);
        // Outside Development the assets of packages (MudBlazor, blazor.web.js) come from the build's manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={DatabasePath}");
        builder.UseSetting("Jobs:Storage", "InMemory");
        builder.UseSetting("Jobs:RunServer", "false");
        // Messages leave when a test runs the dispatcher, not on the look-out's timer.
        builder.UseSetting("Notifications:Outbox:UrgentPollInterval", "00:00:00");
        builder.UseSetting("Portal:LogFile", Path.Combine(LogDirectory, "portal-.log"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");
        builder.UseSetting("Subjects:LookupKey", ServiceHarness.LookupKey);
        // Test target databases live in test folders; the portal's own database is there too, and must stay unreachable.
        builder.UseSetting("Connectors:Database:FileFolders:0", TestFolder.Root);
        builder.UseSetting("Connectors:Database:FileFolders:1", "App_Data/demo-systems");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        if (Clock is not null)
        {
            builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        }
    }

    /// <summary>Serve on a real Kestrel socket on loopback, for the browser.</summary>
    public void StartRealServer()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>Where the server errors of every test run are gathered; .ci/run prints it when a test failed.</summary>
    public static string ErrorLogPath => Path.Combine(Path.GetTempPath(), "pp-tests", "server-errors.log");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        KeepServerErrors();
        folder.Dispose();
        if (databasePath is null)
        {
            // The database this factory made goes with it (a second instance given the path leaves it to its owner).
            foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", DatabasePath + ".instance-lock" })
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                }
            }
        }
    }

    /// <summary>An error logged by the portal (with its stack trace) outlives the test's folder, so a failure can be explained.</summary>
    private void KeepServerErrors()
    {
        var errors = new List<string>();
        var inError = false;
        foreach (var line in LogLines())
        {
            var entry = line.Length > 30 && char.IsDigit(line[0]) && line.Contains(" [", StringComparison.Ordinal);
            if (entry)
            {
                inError = line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FTL]", StringComparison.Ordinal);
            }
            if (inError)
            {
                errors.Add(line);
            }
        }
        if (errors.Count > 0)
        {
            File.AppendAllLines(ErrorLogPath, errors.Prepend($"--- {DatabasePath}"));
        }
    }
}

public sealed class TestFolder : IDisposable
{
    /// <summary>Where every test folder is made.</summary>
    public static string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pp-tests");

    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(Root, Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping host: the OS temp cleaner takes it.
        }
    }
}

/// <summary>App-factory tests share Hangfire's static state: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppCollection
{
    public const string Name = "app";
}
