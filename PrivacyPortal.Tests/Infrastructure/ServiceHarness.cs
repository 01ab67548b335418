using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Features.Audit;
using PrivacyPortal.Features.Clocks;
using PrivacyPortal.Jobs;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Tests.Infrastructure;

/// <summary>Feature services wired as the portal wires them, on a real SQLite file and a clock the test moves.</summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private ServiceHarness(TestDatabase database, FakeTimeProvider clock)
    {
        Database = database;
        Clock = clock;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
        services.AddSingleton<TimeProvider>(clock);
        services.AddOptions<PortalOptions>();
        services.AddSingleton<PortalTime>();
        services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        services.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
        services.AddSingleton<AuditChainWriter>();
        services.AddSingleton<AuditVerifier>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<AuditTrail>();
        services.AddSingleton<JobClaims>();
        services.AddSingleton<CalendarCache>();
        services.AddScoped<CalendarService>();
        services.AddScoped<ClockService>();
        services.AddScoped<ClockPresetService>();
        services.AddScoped<ClockReminderJob>();
        provider = services.BuildServiceProvider();
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<ServiceHarness> CreateAsync(DateTimeOffset now) =>
        new(await TestDatabase.CreateAsync(), new FakeTimeProvider(now));

    /// <summary>A fresh scope, as one request or one job run gets.</summary>
    public T Get<T>() where T : notnull => provider.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
