using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Clocks;

/// <summary>Each jurisdiction counts on its own calendar: GDPR deadlines on the EU establishment's member state, Chinese ones on China's.</summary>
public sealed class CalendarRegionTests
{
    private static DateTime EndOfLocalDay(PortalTime time, int y, int m, int d) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d, 23, 59, 59), time.Zone);

    [Fact]
    public async Task A_GDPR_request_received_on_1_September_2026_is_due_on_1_October_not_after_Chinas_National_Day()
    {
        await using var harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 9, 1, 2, 0, 0, TimeSpan.Zero));
        var clocks = harness.Get<ClockService>();
        var time = harness.Get<PortalTime>();

        var gdpr = await clocks.StartAsync("request", "PR-2026-000301", ClockPresets.GdprRequest, harness.Clock.GetUtcNow().UtcDateTime);
        var chinese = await clocks.StartAsync("request", "PR-2026-000302", ClockPresets.RequestTarget, harness.Clock.GetUtcNow().UtcDateTime);

        Assert.Equal(CalendarRegions.Ireland, gdpr.CalendarRegion);
        Assert.Equal(EndOfLocalDay(time, 2026, 10, 1), gdpr.DueUtc);
        Assert.False(gdpr.Uncertain);
        // On China's calendar the same month would have ended on 8 October (National Day holidays 1–7 October).
        var cn = await harness.Get<CalendarCache>().GetAsync(CalendarRegions.MainlandChina);
        Assert.Equal(EndOfLocalDay(time, 2026, 10, 8), DeadlineCalculator.Compute(gdpr.StartUtc, gdpr.Rule, cn, time.Zone).DueUtc);
        // The Chinese clock counts on China's calendar, as before.
        Assert.Equal(CalendarRegions.MainlandChina, chinese.CalendarRegion);
        Assert.Equal(DeadlineCalculator.Compute(chinese.StartUtc, chinese.Rule, cn, time.Zone).DueUtc, chinese.DueUtc);
    }

    [Fact]
    public async Task A_GDPR_period_ending_on_an_Irish_public_holiday_ends_the_next_working_day_and_a_Chinese_one_ignores_it()
    {
        // Tue 17 Feb 2026: one month later is St Patrick's Day, Tue 17 March 2026 (Regulation 1182/71 art. 3(4)).
        await using var harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 2, 17, 2, 0, 0, TimeSpan.Zero));
        var clocks = harness.Get<ClockService>();
        var time = harness.Get<PortalTime>();

        var gdpr = await clocks.StartAsync("request", "PR-2026-000303", ClockPresets.GdprRequest, harness.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(EndOfLocalDay(time, 2026, 3, 18), gdpr.DueUtc);

        // A Chinese 30-calendar-day limit from 15 Feb ends on 17 March: an Irish holiday does not move it.
        var hardStop = await clocks.StartAsync("request", "PR-2026-000304", ClockPresets.RequestHardStop, new DateTime(2026, 2, 14, 2, 0, 0, DateTimeKind.Utc));
        Assert.Equal(EndOfLocalDay(time, 2026, 3, 16), hardStop.DueUtc);
    }

    [Fact]
    public async Task A_preset_names_its_calendar_and_a_bad_region_code_is_refused()
    {
        await using var harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var presets = harness.Get<ClockPresetService>();
        var gdpr = (await presets.ListAsync()).Single(p => p.Key == ClockPresets.GdprRequest);

        gdpr.CalendarRegion = "ireland!";
        var (errors, _) = await presets.SaveAsync(gdpr);
        Assert.Equal("Clocks.Preset.RegionInvalid", errors.For("CalendarRegion"));

        gdpr.CalendarRegion = "de";
        (errors, _) = await presets.SaveAsync(gdpr);
        Assert.True(errors.IsValid);
        Assert.Equal("DE", (await presets.ListAsync()).Single(p => p.Key == ClockPresets.GdprRequest).CalendarRegion);
        // No German calendar loaded: the deadline is counted on weekdays and flagged uncertain.
        var clock = await harness.Get<ClockService>().StartAsync("request", "PR-2026-000305", ClockPresets.GdprRequest, harness.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal("DE", clock.CalendarRegion);
        Assert.True(clock.Uncertain);
        Assert.Contains("DE", await harness.Get<CalendarService>().RegionsAsync());
    }
}
