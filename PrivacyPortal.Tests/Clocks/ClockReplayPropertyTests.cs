using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Clocks;

/// <summary>
/// A clock's due instant is a pure function of its history: over many generated histories (starts through 2025 and 2026,
/// random pauses, resumptions and extensions, every unit), what the live actions left equals a replay of the stored
/// record, and a recompute with the same calendar moves nothing.
/// </summary>
public sealed class ClockReplayPropertyTests
{
    private static readonly string[] Presets =
        [ClockPresets.RequestTarget, ClockPresets.RequestHardStop, ClockPresets.GdprRequest, ClockPresets.CacReport, ClockPresets.IndividualNotice, ClockPresets.RecipientDeletion];

    [Fact]
    public async Task The_live_due_instant_equals_a_replay_of_the_history_and_a_recompute_changes_nothing()
    {
        const int Seed = 20261207;
        var random = new Random(Seed);
        await using var harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2025, 1, 2, 1, 0, 0, TimeSpan.Zero));
        var clocks = harness.Get<ClockService>();
        var calendars = harness.Get<CalendarCache>();
        var zone = harness.Get<PrivacyPortal.Shared.PortalTime>().Zone;
        var histories = 0;
        var moved = 0;
        while (harness.Clock.GetUtcNow().Year < 2027 && histories < 80)
        {
            histories++;
            var preset = Presets[random.Next(Presets.Length)];
            var clock = await clocks.StartAsync("test", $"P-{histories:D3}", preset, harness.Clock.GetUtcNow().UtcDateTime);
            for (var step = random.Next(1, 8); step > 0; step--)
            {
                harness.Clock.Advance(random.Next(3) == 0 ? TimeSpan.FromHours(random.Next(1, 30)) : TimeSpan.FromDays(random.Next(1, 5)) + TimeSpan.FromMinutes(random.Next(0, 600)));
                clock = (await clocks.GetAsync(clock.Id))!;
                var action = random.Next(3);
                if (action == 0 && clock.State == ClockState.Running)
                {
                    // The outer limit stops only for proof of identity or a fee; the others for anything recorded.
                    var kind = clock.Honours(PauseReasons.Other) ? PauseReasons.Other : PauseReasons.IdentityProof;
                    Assert.Equal(ClockChange.Done, await clocks.PauseAsync(clock.Id, clock.Version, "等待补充材料", kind: kind));
                }
                else if (action == 1 && clock.State == ClockState.Paused)
                {
                    Assert.Equal(ClockChange.Done, await clocks.ResumeAsync(clock.Id, clock.Version, "材料已补齐"));
                    moved++;
                }
                else if (action == 2 && clock.MaxExtension > clock.Extended && clock.State != ClockState.Met)
                {
                    Assert.Equal(ClockChange.Done, await clocks.ExtendAsync(clock.Id, clock.Version, random.Next(1, clock.MaxExtension - clock.Extended + 1), "情况复杂，依法延长"));
                }
            }

            var live = (await clocks.GetAsync(clock.Id))!;
            await using (var db = harness.Database.CreateDbContext())
            {
                var history = await db.Set<ClockEntry>().AsNoTracking().Where(e => e.ClockId == live.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync();
                var replayed = ClockHistory.Replay(live, history, await calendars.GetAsync(live.CalendarRegion), zone);
                Assert.True(replayed.DueUtc == live.DueUtc, $"seed {Seed}, history {histories} ({preset}): live {live.DueUtc:O}, replayed {replayed.DueUtc:O}");
            }
            Assert.Equal(ClockChange.Done, await clocks.RecomputeAsync(live.Id, live.Version, "日历核对"));
            var recomputed = (await clocks.GetAsync(clock.Id))!;
            Assert.True(recomputed.DueUtc == live.DueUtc, $"seed {Seed}, history {histories} ({preset}): live {live.DueUtc:O}, recomputed {recomputed.DueUtc:O}");
            harness.Clock.Advance(TimeSpan.FromDays(random.Next(0, 3)));
        }
        Assert.True(histories >= 50 && moved >= 25, $"{histories} histories, {moved} resumptions: too few to say much");
    }

    [Fact]
    public async Task A_request_paused_for_five_working_days_keeps_them_when_recomputed()
    {
        // Mon 14 Sep 2026, 10:00 in Shanghai.
        await using var harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 9, 14, 2, 0, 0, TimeSpan.Zero));
        var clocks = harness.Get<ClockService>();
        var clock = await clocks.StartAsync("request", "DSR-2026-000200", ClockPresets.RequestTarget, harness.Clock.GetUtcNow().UtcDateTime);
        var started = clock.DueUtc;
        Assert.Equal(ClockChange.Done, await clocks.PauseAsync(clock.Id, clock.Version, "等待用户补充身份证明"));
        harness.Clock.Advance(TimeSpan.FromDays(7)); // Mon 14 → Mon 21 Sep: five working days
        Assert.Equal(ClockChange.Done, await clocks.ResumeAsync(clock.Id, (await clocks.GetAsync(clock.Id))!.Version, "材料已补齐"));
        var resumed = (await clocks.GetAsync(clock.Id))!;
        Assert.True(resumed.DueUtc > started);

        Assert.Equal(ClockChange.Done, await clocks.RecomputeAsync(clock.Id, resumed.Version, "节假日安排更正后重算"));

        Assert.Equal(resumed.DueUtc, (await clocks.GetAsync(clock.Id))!.DueUtc);
    }
}
