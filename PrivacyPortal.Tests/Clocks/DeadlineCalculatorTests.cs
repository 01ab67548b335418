using PrivacyPortal.Modules.Foundation.Clocks;

namespace PrivacyPortal.Tests.Clocks;

public sealed class DeadlineCalculatorTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly CalendarSnapshot China = new(OfficialArrangements.MainlandChina().Select(d => (d.Date, d.Kind)));

    private static DateTime Local(int y, int m, int d, int h = 10, int min = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(y, m, d, h, min, 0), Shanghai);

    private static DateTime EndOfLocalDay(int y, int m, int d) => Local(y, m, d, 23, 59).AddSeconds(59);

    private static Deadline Compute(DateTime startUtc, ClockUnit unit, int amount) =>
        DeadlineCalculator.Compute(startUtc, new ClockRule(unit, amount), China, Shanghai);

    [Fact]
    public void Fifteen_working_days_skip_the_mid_autumn_and_national_day_holidays_and_count_adjusted_workdays()
    {
        // Received Fri 18 Sep 2026. Sun 20 Sep and Sat 10 Oct are worked (调休); 25-27 Sep and 1-7 Oct are holidays.
        var due = Compute(Local(2026, 9, 18), ClockUnit.WorkingDays, 15);
        Assert.Equal(EndOfLocalDay(2026, 10, 15), due.DueUtc);
        Assert.False(due.Uncertain);
    }

    [Fact]
    public void The_event_day_is_taken_in_the_portal_time_zone()
    {
        // 20:00 UTC on the 17th is 04:00 on the 18th in Shanghai: the same deadline as a call on the 18th.
        var due = Compute(new DateTime(2026, 9, 17, 20, 0, 0, DateTimeKind.Utc), ClockUnit.WorkingDays, 15);
        Assert.Equal(EndOfLocalDay(2026, 10, 15), due.DueUtc);
    }

    [Fact]
    public void Thirty_calendar_days_ending_in_the_spring_festival_end_on_the_first_working_day_after_it()
    {
        Assert.Equal(EndOfLocalDay(2026, 2, 4), Compute(Local(2026, 1, 5), ClockUnit.CalendarDays, 30).DueUtc);
        // 17 Jan + 30 = 16 Feb, inside 春节 (15-23 Feb): Civil Code art. 203 moves it to Tue 24 Feb.
        Assert.Equal(EndOfLocalDay(2026, 2, 24), Compute(Local(2026, 1, 17), ClockUnit.CalendarDays, 30).DueUtc);
        // Ending on a Sunday moves to Monday.
        Assert.Equal(EndOfLocalDay(2026, 3, 16), Compute(Local(2026, 2, 13), ClockUnit.CalendarDays, 30).DueUtc);
    }

    [Fact]
    public void Calendar_months_end_on_the_same_date_or_the_last_day_of_a_shorter_month()
    {
        // 31 Jan + 1 month = 28 Feb 2026, a Saturday worked in exchange for 春节: it stands.
        Assert.Equal(EndOfLocalDay(2026, 2, 28), Compute(Local(2026, 1, 31), ClockUnit.CalendarMonths, 1).DueUtc);
        // 31 Mar + 1 month = 30 Apr (Thu).
        Assert.Equal(EndOfLocalDay(2026, 4, 30), Compute(Local(2026, 3, 31), ClockUnit.CalendarMonths, 1).DueUtc);
        // Leap year: 31 Jan 2028 + 1 month = 29 Feb 2028, in a year with no calendar loaded.
        var leap = Compute(Local(2028, 1, 31), ClockUnit.CalendarMonths, 1);
        Assert.Equal(EndOfLocalDay(2028, 2, 29), leap.DueUtc);
        Assert.True(leap.Uncertain);
        // 6 months of network logs from 30 Aug 2026 = 28 Feb 2027... no calendar for 2027: uncertain.
        Assert.True(Compute(Local(2026, 8, 30), ClockUnit.CalendarMonths, 6).Uncertain);
    }

    [Fact]
    public void Hours_run_from_the_instant_through_nights_and_holidays()
    {
        var start = Local(2026, 10, 1, 22, 30);
        Assert.Equal(start.AddHours(4), Compute(start, ClockUnit.Hours, 4).DueUtc);
        Assert.Equal(start.AddHours(72), Compute(start, ClockUnit.Hours, 72).DueUtc);
        Assert.False(Compute(new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc), ClockUnit.Hours, 72).Uncertain);
    }

    [Fact]
    public void A_deadline_running_into_a_year_without_a_calendar_is_flagged_uncertain()
    {
        Assert.False(Compute(Local(2026, 11, 2), ClockUnit.WorkingDays, 15).Uncertain);
        var late = Compute(Local(2026, 12, 20), ClockUnit.WorkingDays, 15);
        Assert.True(late.Uncertain);
        // Weekdays alone in 2027: 21-31 Dec 2026 gives 9, then Fri 1 Jan (no holiday known) and 4-8 Jan.
        Assert.Equal(EndOfLocalDay(2027, 1, 8), late.DueUtc);
    }

    public static IEnumerable<object[]> Rules() =>
    [
        [ClockUnit.WorkingDays, 1], [ClockUnit.WorkingDays, 5], [ClockUnit.WorkingDays, 15],
        [ClockUnit.CalendarDays, 1], [ClockUnit.CalendarDays, 30], [ClockUnit.CalendarMonths, 1], [ClockUnit.CalendarMonths, 3],
    ];

    /// <summary>Every start hour across 2025 and early 2026 (holidays, adjusted days, month ends included).</summary>
    private static IEnumerable<DateTime> Starts()
    {
        for (var t = new DateTime(2024, 12, 31, 0, 0, 0, DateTimeKind.Utc); t < new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc); t = t.AddHours(7))
        {
            yield return t;
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Properties_hold_for_every_start(ClockUnit unit, int amount)
    {
        DateTime? previousDue = null;
        foreach (var start in Starts())
        {
            var deadline = Compute(start, unit, amount);
            var eventDay = DeadlineCalculator.LocalDate(start, Shanghai);
            var dueDay = DeadlineCalculator.LocalDate(deadline.DueUtc, Shanghai);
            var uncertain = false;

            // Ends at 23:59:59 local on a working day, after the event day.
            Assert.Equal(DeadlineCalculator.EndOfDayUtc(dueDay, Shanghai), deadline.DueUtc);
            Assert.True(China.IsWorkingDay(dueDay, ref uncertain), $"{start:O}: due {dueDay} is not a working day");
            Assert.True(dueDay > eventDay);

            if (unit == ClockUnit.WorkingDays)
            {
                // Exactly N working days after the event day, the last of them the due day.
                Assert.Equal(amount, DeadlineCalculator.WorkingDaysBetween(eventDay, dueDay, China, ref uncertain));
            }
            else
            {
                // The nominal end, moved forward only across days off (art. 203).
                var nominal = unit == ClockUnit.CalendarDays ? eventDay.AddDays(amount) : eventDay.AddMonths(amount);
                Assert.True(dueDay >= nominal);
                for (var d = nominal; d < dueDay; d = d.AddDays(1))
                {
                    Assert.False(China.IsWorkingDay(d, ref uncertain), $"{start:O}: {d} skipped although a working day");
                }
            }

            // A later start never gives an earlier deadline.
            Assert.True(previousDue is null || deadline.DueUtc >= previousDue);
            previousDue = deadline.DueUtc;
        }
    }

    [Fact]
    public void The_seeded_2026_calendar_matches_the_state_council_notice()
    {
        var days = OfficialArrangements.MainlandChina().Where(d => d.Date.Year == 2026).ToList();
        Assert.Equal(33, days.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(
            [new DateOnly(2026, 1, 4), new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28), new DateOnly(2026, 5, 9), new DateOnly(2026, 9, 20), new DateOnly(2026, 10, 10)],
            days.Where(d => d.Kind == CalendarDayKind.AdjustedWorkday).Select(d => d.Date));
    }
}
