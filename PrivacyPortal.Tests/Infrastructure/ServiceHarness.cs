using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules;
using PrivacyPortal.Modules.Cases;
using PrivacyPortal.Modules.DataPlane;
using PrivacyPortal.Modules.Foundation;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Incidents;
using PrivacyPortal.Modules.Oversight;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Tests.Infrastructure;

/// <summary>Feature services wired as the portal wires them, on a real SQLite file and a clock the test moves.</summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private ServiceHarness(TestDatabase database, FakeTimeProvider clock, IReadOnlyDictionary<string, string?>? settings)
    {
        Database = database;
        Clock = clock;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Subjects:LookupKey"] = LookupKey, ["Connectors:Database:FileFolders:0"] = TestFolder.Root })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var environment = new TestHostEnvironment { ContentRootPath = folder.Path };
        var services = new ServiceCollection();
        // What the host provides (Program.cs's AddPortal* calls), with the test's database, clock and user.
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
        services.AddSingleton<TimeProvider>(clock);
        services.AddOptions<PortalOptions>();
        services.AddSingleton<PortalTime>();
        services.AddSingleton<JobClaims>();
        services.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
        // The modules, through the same entry points as Program.cs.
        foreach (var module in AllModules)
        {
            services.AddModule(module, configuration, environment);
        }
        provider = services.BuildServiceProvider();
    }

    /// <summary>Every module but the Demo module, in Program.cs's order.</summary>
    public static PortalModule[] AllModules => [new FoundationModule(), new DataPlaneModule(), new CasesModule(), new IncidentsModule(), new OversightModule()];

    /// <summary>The identifier lookup key every test portal uses (generated for the tests, not a secret).</summary>
    public const string LookupKey = "dGVzdC1sb29rdXAta2V5LW9mLWF0LWxlYXN0LTMyLWJ5dGVzIQ==";

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    private readonly TestFolder folder = new();

    public static async Task<ServiceHarness> CreateAsync(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var harness = new ServiceHarness(await TestDatabase.CreateAsync(), new FakeTimeProvider(now), settings);
        await harness.Get<TemplateSeeder>().SeedAsync();
        return harness;
    }

    /// <summary>A fresh scope, as one request or one job run gets.</summary>
    public T Get<T>() where T : notnull => provider.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Database.DisposeAsync();
        folder.Dispose();
    }
}

public sealed class TestHostEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";

    public string ApplicationName { get; set; } = "PrivacyPortal";

    public string ContentRootPath { get; set; } = "";

    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
}
