namespace PrivacyPortal.Modules.Foundation.Clocks;

public readonly record struct Deadline(DateTime DueUtc, bool Uncertain);

/// <summary>
/// Deadline arithmetic under the Civil Code's rules on periods, all in the portal's time zone:
/// <list type="bullet">
/// <item>A period counted in days or months starts the day after the event (art. 201): day 1 of "N working days"
/// is the first working day after the day of receipt, and the deadline is the end of day N (23:59:59).</item>
/// <item>"N calendar days" ends on the Nth day after the event; "N calendar months" on the same date N months
/// later, or that month's last day when it has no such date (art. 202).</item>
/// <item>When the last day is a public holiday or a rest day (法定休假日), the period ends on the first working day
/// after it (art. 203).</item>
/// <item>"N hours" runs from the instant of the event, holidays included.</item>
/// </list>
/// </summary>
public static class DeadlineCalculator
{
    public static Deadline Compute(DateTime startUtc, ClockRule rule, CalendarSnapshot calendar, TimeZoneInfo zone)
    {
        if (rule.Amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "A period cannot be negative.");
        }
        if (rule.Unit == ClockUnit.Hours)
        {
            return new Deadline(startUtc.AddHours(rule.Amount), false);
        }

        var eventDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), zone));
        var uncertain = false;
        var lastDay = rule.Unit switch
        {
            ClockUnit.WorkingDays => AddWorkingDays(eventDay, rule.Amount, calendar, ref uncertain),
            ClockUnit.CalendarDays => NextWorkingDayFrom(eventDay.AddDays(rule.Amount), calendar, ref uncertain),
            ClockUnit.CalendarMonths => NextWorkingDayFrom(eventDay.AddMonths(rule.Amount), calendar, ref uncertain),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Unit, null),
        };
        return new Deadline(EndOfDayUtc(lastDay, zone), uncertain);
    }

    /// <summary>The Nth working day after <paramref name="eventDay"/> (never the event day itself).</summary>
    public static DateOnly AddWorkingDays(DateOnly eventDay, int count, CalendarSnapshot calendar, ref bool uncertain)
    {
        var day = eventDay;
        while (count > 0)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkingDay(day, ref uncertain))
            {
                count--;
            }
        }
        return day;
    }

    /// <summary>Working days d with <paramref name="from"/> &lt; d ≤ <paramref name="to"/>.</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to, CalendarSnapshot calendar, ref bool uncertain)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day, ref uncertain))
            {
                count++;
            }
        }
        return count;
    }

    private static DateOnly NextWorkingDayFrom(DateOnly day, CalendarSnapshot calendar, ref bool uncertain)
    {
        while (!calendar.IsWorkingDay(day, ref uncertain))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    public static DateTime EndOfDayUtc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)), zone);

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
