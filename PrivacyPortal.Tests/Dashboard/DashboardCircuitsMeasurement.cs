using Microsoft.Playwright;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;

namespace PrivacyPortal.Tests.Dashboard;

/// <summary>Runs only when PP_MEASURE_CIRCUITS names a number of circuits: a measurement, not a check (issue 8's 50-circuit figure).</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public const string Variable = "PP_MEASURE_CIRCUITS";

    public MeasurementFactAttribute()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), out _))
        {
            Skip = $"A measurement: set {Variable}=50 to run it.";
        }
    }
}

/// <summary>
/// Managed memory per signed-in circuit on the dashboard. The app runs in this process (WebApplicationFactory on Kestrel),
/// so the figure is the growth of this process's managed heap after full collections, divided by the circuits; it
/// includes the Playwright client's own objects per page, so it is an upper bound. Prints the figure; asserts only that
/// every circuit shows the dashboard.
/// <code>PP_MEASURE_CIRCUITS=50 dotnet test PrivacyPortal.Tests --filter FullyQualifiedName~DashboardCircuitsMeasurement</code>
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DashboardCircuitsMeasurement(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [MeasurementFact]
    public async Task Managed_memory_per_dashboard_circuit()
    {
        var circuits = int.Parse(Environment.GetEnvironmentVariable(MeasurementFactAttribute.Variable)!, System.Globalization.CultureInfo.InvariantCulture);
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (officerId, _) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        var (_, email) = await CreateStaffAsync(app, "陈思远", "chen.siyuan@portal.test", Roles.Auditor);
        // Data behind every chart, so each circuit holds drawn charts rather than empty cards.
        await Audit.AuditorBrowserTests.SeedAsync(app, officerId);

        var sessions = new List<BrowserSession>();
        try
        {
            // Warm-up: the first circuit pays for JIT, the localizer's resource sets, MudBlazor's statics.
            sessions.Add(await OpenDashboardAsync(app, email));
            var baseline = Settle();
            for (var i = 0; i < circuits; i++)
            {
                sessions.Add(await OpenDashboardAsync(app, email));
            }
            var after = Settle();
            var perCircuit = (after - baseline) / (double)circuits;
            output.WriteLine($"{circuits} dashboard circuits: managed heap {baseline / 1048576.0:N1} MB -> {after / 1048576.0:N1} MB; " +
                $"{perCircuit / 1024:N0} KB per circuit (target < 500 KB)");
            Console.WriteLine($"DASHBOARD CIRCUITS: {circuits} circuits, {perCircuit / 1024:N0} KB managed memory per circuit");
            foreach (var session in sessions)
            {
                await Expect(session.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            }
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private async Task<BrowserSession> OpenDashboardAsync(PortalAppFactory app, string email)
    {
        var session = await browser.OpenAsync(app.ServerAddress);
        await SignInAsync(session.Page, email, "陈思远");
        await Expect(session.Page.Locator("[data-testid=chart-operations]")).ToBeVisibleAsync();
        // PP_MEASURE_PATH=/audit/integrity compares a page without charts: what the charts themselves cost.
        if (Environment.GetEnvironmentVariable("PP_MEASURE_PATH") is { Length: > 1 } path)
        {
            await session.Page.GotoAsync(path);
        }
        await WaitForInteractiveAsync(session.Page);
        return session;
    }

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
