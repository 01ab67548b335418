using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Clocks;

public sealed class ClockServiceTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private ServiceHarness harness = default!;

    private static DateTime EndOfLocalDay(int y, int m, int d) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d, 23, 59, 59), Shanghai);

    // Fri 18 Sep 2026, 10:00 in Shanghai.
    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 9, 18, 2, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private ClockService Clocks => harness.Get<ClockService>();

    private async Task<Clock> StartAsync(string preset = ClockPresets.RequestTarget) =>
        await Clocks.StartAsync("request", "DSR-2026-000123", preset, harness.Clock.GetUtcNow().UtcDateTime);

    private async Task<Clock> ReloadAsync(Guid id) => (await Clocks.GetAsync(id))!;

    [Fact]
    public async Task A_clock_copies_its_preset_so_a_later_preset_change_does_not_move_it()
    {
        var clock = await StartAsync();
        Assert.Equal(EndOfLocalDay(2026, 10, 15), clock.DueUtc);
        Assert.Equal("公司政策（参照 GB/T 35273-2020 §8.5 的15个工作日）", clock.RuleSource);

        var presets = harness.Get<ClockPresetService>();
        var preset = (await presets.ListAsync()).Single(p => p.Key == ClockPresets.RequestTarget);
        preset.Amount = 10;
        var (errors, conflict) = await presets.SaveAsync(preset);
        Assert.True(errors.IsValid);
        Assert.False(conflict);

        Assert.Equal(EndOfLocalDay(2026, 10, 15), (await ReloadAsync(clock.Id)).DueUtc);
        var newer = await StartAsync();
        Assert.Equal(10, newer.Amount);
    }

    [Fact]
    public async Task A_pause_stops_the_clock_for_the_working_days_it_lasted()
    {
        var clock = await StartAsync();
        Assert.Equal(ClockChange.ReasonRequired, await Clocks.PauseAsync(clock.Id, clock.Version, " "));
        Assert.Equal(ClockChange.Done, await Clocks.PauseAsync(clock.Id, clock.Version, "等待用户补充身份证明"));

        // Paused Fri 18 Sep → resumed Tue 22 Sep: Sun 20 (worked), Mon 21, Tue 22 = 3 working days lost.
        harness.Clock.Advance(TimeSpan.FromDays(4));
        var paused = await ReloadAsync(clock.Id);
        Assert.Equal(ClockChange.Done, await Clocks.ResumeAsync(clock.Id, paused.Version, "材料已补齐"));

        var resumed = await ReloadAsync(clock.Id);
        Assert.Equal(ClockState.Running, resumed.State);
        Assert.Equal(EndOfLocalDay(2026, 10, 20), resumed.DueUtc);
        Assert.Equal([ClockEntryKind.Started, ClockEntryKind.Paused, ClockEntryKind.Resumed], resumed.Entries.Select(e => e.Kind));
        Assert.Equal("等待用户补充身份证明", resumed.Entries[1].Reason);
    }

    [Fact]
    public async Task A_gdpr_request_can_be_extended_by_two_months_and_no_more()
    {
        var clock = await StartAsync(ClockPresets.GdprRequest);
        Assert.Equal(EndOfLocalDay(2026, 10, 19), clock.DueUtc); // 18 Oct is a Sunday: the next working day.

        Assert.Equal(ClockChange.Done, await Clocks.ExtendAsync(clock.Id, clock.Version, 2, "请求复杂，已通知本人"));
        var extended = await ReloadAsync(clock.Id);
        Assert.Equal(EndOfLocalDay(2026, 12, 21), extended.DueUtc); // 19 Dec is a Saturday.
        Assert.Equal(ClockChange.TooLong, await Clocks.ExtendAsync(clock.Id, extended.Version, 1, "再延一次"));

        var chinese = await StartAsync();
        Assert.Equal(ClockChange.NotAllowed, await Clocks.ExtendAsync(chinese.Id, chinese.Version, 1, "不适用"));
    }

    [Fact]
    public async Task A_stale_copy_is_refused_and_saves_nothing()
    {
        var clock = await StartAsync();
        Assert.Equal(ClockChange.Done, await Clocks.PauseAsync(clock.Id, clock.Version, "等待材料"));

        Assert.Equal(ClockChange.Conflict, await Clocks.MarkMetAsync(clock.Id, clock.Version));
        Assert.Equal(ClockState.Paused, (await ReloadAsync(clock.Id)).State);
    }

    [Fact]
    public async Task Recompute_after_a_calendar_correction_is_explicit_and_audited()
    {
        var clock = await StartAsync();
        var calendar = harness.Get<CalendarService>();
        // A correction: 12 Oct made a holiday.
        var (errors, change) = await calendar.SaveAsync(CalendarRegions.MainlandChina, new CalendarEntryInput
        {
            Date = new DateTime(2026, 10, 12), Kind = CalendarDayKind.Holiday, Name = "更正", Source = "测试通知",
        });
        Assert.True(errors.IsValid);
        Assert.Equal(CalendarChange.Done, change);
        Assert.Equal(EndOfLocalDay(2026, 10, 15), (await ReloadAsync(clock.Id)).DueUtc); // nothing moves by itself

        Assert.Equal(ClockChange.Done, await Clocks.RecomputeAsync(clock.Id, clock.Version, "日历更正"));
        var recomputed = await ReloadAsync(clock.Id);
        Assert.Equal(EndOfLocalDay(2026, 10, 16), recomputed.DueUtc);
        var entry = recomputed.Entries.Last();
        Assert.Equal((ClockEntryKind.Recomputed, EndOfLocalDay(2026, 10, 15)), (entry.Kind, entry.PreviousDueUtc!.Value));

        await using var db = harness.Database.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "clock.recomputed" && e.TargetId == clock.Id.ToString()));
    }

    [Fact]
    public async Task The_reminder_job_reminds_once_and_escalates_once_even_when_two_instances_run_it()
    {
        var hours = await StartAsync(ClockPresets.CacReport); // 4 h, due soon from 1 h before
        harness.Clock.Advance(TimeSpan.FromHours(3.5));
        await Task.WhenAll(harness.Get<ClockReminderJob>().RunAsync(default), harness.Get<ClockReminderJob>().RunAsync(default));
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await Task.WhenAll(harness.Get<ClockReminderJob>().RunAsync(default), harness.Get<ClockReminderJob>().RunAsync(default));
        await harness.Get<ClockReminderJob>().RunAsync(default);

        var clock = await ReloadAsync(hours.Id);
        Assert.Equal(ClockState.Breached, clock.State);
        Assert.Equal([ClockEntryKind.Started, ClockEntryKind.Reminded, ClockEntryKind.Breached], clock.Entries.Select(e => e.Kind));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "clock.breached" && e.ActorId == AuditActors.System));

        // Met late stays visibly late.
        Assert.Equal(ClockChange.Done, await Clocks.MarkMetAsync(clock.Id, clock.Version));
        var met = await ReloadAsync(clock.Id);
        Assert.True(met.MetAtUtc > met.DueUtc);
    }

    [Fact]
    public async Task The_list_filters_due_soon_overdue_and_met_clocks_in_the_database()
    {
        var report = await StartAsync(ClockPresets.CacReport);          // 4 h
        var request = await StartAsync();                               // 15 working days
        var done = await StartAsync(ClockPresets.IndividualNotice);     // 72 h
        Assert.Equal(ClockChange.Done, await Clocks.MarkMetAsync(done.Id, done.Version));
        harness.Clock.Advance(TimeSpan.FromHours(3.5));

        async Task<Guid[]> Ids(ClockFilter filter) => [.. (await Clocks.QueryAsync(new ClockQuery(filter, 0, 50))).Items.Select(r => r.Id)];
        Assert.Equal([report.Id], await Ids(ClockFilter.DueSoon));
        Assert.Equal([done.Id], await Ids(ClockFilter.Closed));
        Assert.Equal([report.Id, request.Id], await Ids(ClockFilter.Open));

        harness.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal([report.Id], await Ids(ClockFilter.Overdue));
        Assert.Equal(new ClockSummary(1, 0, 0), await Clocks.SummaryAsync());
    }

    [Fact]
    public async Task The_compliance_mailbox_gets_one_alert_when_a_clock_is_due_soon_and_one_when_it_is_overdue()
    {
        await using var alerting = await ServiceHarness.CreateAsync(harness.Clock.GetUtcNow(), new Dictionary<string, string?>
        {
            ["Clocks:AlertRecipients:0"] = "privacy-team@example.test",
        });
        var clock = await alerting.Get<ClockService>().StartAsync("incident", "INC-2026-007", ClockPresets.CacReport, alerting.Clock.GetUtcNow().UtcDateTime);

        alerting.Clock.Advance(TimeSpan.FromHours(3.5));
        await Task.WhenAll(alerting.Get<ClockReminderJob>().RunAsync(default), alerting.Get<ClockReminderJob>().RunAsync(default));
        alerting.Clock.Advance(TimeSpan.FromHours(1));
        await alerting.Get<ClockReminderJob>().RunAsync(default);
        await alerting.Get<ClockReminderJob>().RunAsync(default);

        await using var db = alerting.Database.CreateDbContext();
        var alerts = await db.Set<OutboxMessage>().Where(m => m.CorrelationId == $"clock:{clock.Id}").OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Contains("即将到期", alerts[0].Subject, StringComparison.Ordinal);
        Assert.Contains("已逾期", alerts[1].Subject, StringComparison.Ordinal);
        Assert.Contains("INC-2026-007", alerts[1].Body, StringComparison.Ordinal);
        Assert.Contains("国家网络安全事件报告管理办法", alerts[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_november_a_missing_next_year_calendar_is_reported_once_a_day_for_each_region_a_preset_counts_on()
    {
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        await harness.Get<ClockReminderJob>().RunAsync(default);
        await harness.Get<ClockReminderJob>().RunAsync(default);
        Assert.Equal(2027, await harness.Get<CalendarService>().MissingNextYearAsync(CalendarRegions.MainlandChina));

        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(["CN-2027", "IE-2027"], await db.AuditEvents.Where(e => e.Action == "calendar.missing-year").Select(e => e.TargetId!).OrderBy(t => t).ToListAsync());
    }
}
