using PrivacyPortal.Modules.Foundation.Setup;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Foundation.Clocks;

namespace PrivacyPortal.Modules.Demo;

/// <summary>Test clocks in every state, so a development portal shows what deadlines look like.</summary>
internal sealed class ClockDemoData(ClockService clocks, PortalTime time) : IDemoDataContributor
{
    public int Order => 10;

    public async Task ContributeAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        var now = time.UtcNow;
        await clocks.StartAsync("demo", "DEMO-请求-001", ClockPresets.RequestTarget, now.AddDays(-12), cancellationToken);
        await clocks.StartAsync("demo", "DEMO-请求-002", ClockPresets.RequestHardStop, now.AddDays(-3), cancellationToken);
        await clocks.StartAsync("demo", "DEMO-事件-001", ClockPresets.CacReport, now.AddHours(-3.5), cancellationToken);
        await clocks.StartAsync("demo", "DEMO-事件-002", ClockPresets.IndividualNotice, now.AddHours(-80), cancellationToken);
        var met = await clocks.StartAsync("demo", "DEMO-请求-003", ClockPresets.Cancellation, now.AddDays(-9), cancellationToken);
        await clocks.MarkMetAsync(met.Id, met.Version, cancellationToken);
        await clocks.StartAsync("demo", "DEMO-GDPR-001", ClockPresets.GdprRequest, now.AddDays(-20), cancellationToken);
    }
}
