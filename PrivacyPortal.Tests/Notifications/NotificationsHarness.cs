using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Modules;
using PrivacyPortal.Modules.Foundation;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Notifications;

/// <summary>
/// The notifications feature on a migrated SQLite file of its own, with a movable clock, ephemeral data
/// protection keys and a log that the tests read (to prove no address or body reaches it).
/// </summary>
public sealed class NotificationsHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private NotificationsHarness(TestDatabase database, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure)
    {
        Database = database;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Log));
        var environment = new TestHostEnvironment { ContentRootPath = Folder.Path };
        collection.AddSingleton<IHostEnvironment>(environment);
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
        collection.AddDataProtection().UseEphemeralDataProtectionProvider();
        collection.Configure<PortalOptions>(_ => { });
        collection.AddSingleton<PortalTime>();
        collection.AddSingleton<AuthenticationStateProvider>(new FixedUser(OfficerId));
        collection.AddModule(new FoundationModule(), configuration, environment);
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider();
        Scope = services.CreateAsyncScope();
    }

    public const string OfficerId = "officer-1";

    public TestDatabase Database { get; }

    public TestFolder Folder { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));

    public CapturingLog Log { get; } = new();

    public AsyncServiceScope Scope { get; }

    public T Get<T>() where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    public NotificationOutbox Outbox => Get<NotificationOutbox>();

    public OutboxDispatcher Dispatcher => Get<OutboxDispatcher>();

    public static async Task<NotificationsHarness> CreateAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:TimeoutSeconds"] = "5",
            ["Notifications:Outbox:MaxAttempts"] = "3",
            ["Notifications:Outbox:MessagesPerSecond:Email"] = "0",
            ["Notifications:Outbox:MessagesPerSecond:Sms"] = "0",
            ["Notifications:Outbox:MessagesPerSecond:Push"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var harness = new NotificationsHarness(await TestDatabase.CreateAsync(), all, configure);
        await harness.Get<TemplateSeeder>().SeedAsync();
        return harness;
    }

    public async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public static Dictionary<string, string> Ack(string caseNumber) => new()
    {
        ["case_number"] = caseNumber,
        ["request_type"] = "删除",
        ["due_date"] = "2026-12-18",
        ["hotline"] = "400-820-1234",
    };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Scope.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
        Folder.Dispose();
    }

    private sealed class FixedUser(string id) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"))));
    }
}

/// <summary>Every log line the feature writes, rendered, so a test can look for what must never be there.</summary>
public sealed class CapturingLog : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception?.Message}");
    }
}
