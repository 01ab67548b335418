using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using PrivacyPortal.Configuration;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Localization;

namespace PrivacyPortal.Tests.Clocks;

/// <summary>The badge a compliance officer reads at a glance: colour and words for the time left.</summary>
public sealed class ClockBadgeTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);
    private readonly BunitContext context = new();
    private CultureInfo? previous;

    public Task InitializeAsync()
    {
        previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddPortalTextOfAllModules();
        context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Now)));
        context.Services.AddOptions<PortalOptions>();
        context.Services.AddSingleton<PortalTime>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous!;
    }

    private IRenderedComponent<ClockBadge> Render(DateTime due, ClockState state, bool uncertain = false, DateTime? met = null) =>
        context.Render<ClockBadge>(p => p
            .Add(b => b.DueUtc, due)
            .Add(b => b.State, state)
            .Add(b => b.DueSoonHours, 24)
            .Add(b => b.Uncertain, uncertain)
            .Add(b => b.MetAtUtc, met));

    [Theory]
    [InlineData(72, "剩余 3 天", "mud-chip-color-success")]
    [InlineData(5, "剩余 5 小时", "mud-chip-color-warning")]
    [InlineData(-30, "已逾期 30 小时", "mud-chip-color-error")]
    [InlineData(-60, "已逾期 2 天", "mud-chip-color-error")]
    public void Running_clocks_show_time_left_coloured_by_urgency(int hoursLeft, string text, string colour)
    {
        var badge = Render(Now.AddHours(hoursLeft), ClockState.Running).Find("[data-testid=clock-badge]");

        Assert.Contains(text, badge.TextContent, StringComparison.Ordinal);
        Assert.Contains(colour, badge.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Paused_met_late_and_uncertain_clocks_say_so()
    {
        Assert.Contains("已暂停", Render(Now.AddDays(3), ClockState.Paused).Markup, StringComparison.Ordinal);
        Assert.Contains("已按期完成", Render(Now.AddDays(3), ClockState.Met, met: Now).Markup, StringComparison.Ordinal);
        Assert.Contains("逾期完成", Render(Now.AddDays(-1), ClockState.Met, met: Now).Markup, StringComparison.Ordinal);
        Assert.Contains("待确认", Render(Now.AddDays(20), ClockState.Running, uncertain: true).Markup, StringComparison.Ordinal);
    }
}
