using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

/// <summary>A request's due date is the clock's, however the clock is changed: from the case page or from /clocks.</summary>
public sealed class RequestDueFollowsClockTests
{
    [Fact]
    public async Task A_2027_calendar_imported_and_the_clock_recomputed_from_clocks_moves_the_case_and_clears_uncertain()
    {
        // Mon 21 Dec 2026, 10:00 in Shanghai: 15 working days run into 2027, whose calendar is not loaded yet.
        await using var harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 12, 21, 2, 0, 0, TimeSpan.Zero));
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13900000051")]);
        var taken = await harness.Get<RequestService>().TakeAsync(new IntakeInput { SubjectId = subjectId!.Value, Types = [RequestType.Access], Summary = "来电查询个人信息" });
        var id = Assert.Single(taken.Created).Id;
        DataSubjectRequest Request() { using var db = harness.Database.CreateDbContext(); return db.Set<DataSubjectRequest>().AsNoTracking().Single(r => r.Id == id); }
        var before = Request();
        Assert.True(before.DeadlineUncertain);

        // The official 2027 arrangement arrives: New Year's Day and the day after are holidays.
        await harness.Get<CalendarService>().ImportAsync(CalendarRegions.MainlandChina, 2027,
        [
            new CalendarImportRow(2, new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "元旦", "国办发明电〔2026〕1号"),
            new CalendarImportRow(3, new DateOnly(2027, 1, 4), CalendarDayKind.Holiday, "元旦", "国办发明电〔2026〕1号"),
        ]);
        var clocks = harness.Get<ClockService>();
        var clock = (await clocks.GetAsync(before.ClockId!.Value))!;

        // The calendar page offers the recompute with a preview: this clock, old → new, nothing saved yet. The outer
        // limit counts calendar days: holidays do not move it, but it is no longer uncertain either.
        var moves = await clocks.PreviewRecomputeAsync(CalendarRegions.MainlandChina);
        Assert.Equal(2, moves.Count);
        var move = Assert.Single(moves, m => m.Id == clock.Id);
        Assert.Equal((clock.Id, "request", before.DueAtUtc, true, false), (move.Id, move.OwnerType, move.OldDueUtc, move.WasUncertain, move.IsUncertain));
        Assert.True(move.NewDueUtc > move.OldDueUtc, "two holidays push the deadline back");
        var outerMove = Assert.Single(moves, m => m.Id == before.HardStopClockId);
        Assert.Equal((before.OuterDueAtUtc, true, false), ((DateTime?)outerMove.NewDueUtc, outerMove.WasUncertain, outerMove.IsUncertain));
        Assert.Equal(before.DueAtUtc, (await clocks.GetAsync(clock.Id))!.DueUtc);
        Assert.Equal((0, 0), await clocks.RecomputeAllAsync(CalendarRegions.MainlandChina, moves, " "));
        Assert.Equal((2, 0), await clocks.RecomputeAllAsync(CalendarRegions.MainlandChina, moves, "2027 年节假日安排已导入"));
        Assert.Empty(await clocks.PreviewRecomputeAsync(CalendarRegions.MainlandChina));
        // A second run on the stale preview changes nothing: the clocks moved on since.
        Assert.Equal((0, 2), await clocks.RecomputeAllAsync(CalendarRegions.MainlandChina, moves, "重复操作"));

        var recomputed = (await clocks.GetAsync(clock.Id))!;
        Assert.Equal(move.NewDueUtc, recomputed.DueUtc);
        var after = Request();
        Assert.Equal(recomputed.DueUtc, after.DueAtUtc);
        Assert.False(after.DeadlineUncertain);

        // A pause and resume made on /clocks (not through the case) moves the case as well.
        Assert.Equal(ClockChange.Done, await clocks.PauseAsync(clock.Id, recomputed.Version, "等待身份证明"));
        harness.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(ClockChange.Done, await clocks.ResumeAsync(clock.Id, (await clocks.GetAsync(clock.Id))!.Version, "材料已补齐"));
        var resumed = (await clocks.GetAsync(clock.Id))!;
        Assert.True(resumed.DueUtc > recomputed.DueUtc);
        Assert.Equal(resumed.DueUtc, Request().DueAtUtc);
    }
}
