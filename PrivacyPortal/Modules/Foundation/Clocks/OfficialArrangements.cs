namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>The official holiday arrangements shipped as seed data: the State Council's for mainland China, and Ireland's public holidays.</summary>
public static class OfficialArrangements
{
    private const string Source2025 = "国办发明电〔2024〕12号";
    private const string Source2026 = "国办发明电〔2025〕7号";

    public static IEnumerable<CalendarDay> MainlandChina()
    {
        IEnumerable<CalendarDay> Holidays(int year, int month, int fromDay, int toDay, string name, string source, int toMonth = 0) =>
            Range(new DateOnly(year, month, fromDay), new DateOnly(year, toMonth == 0 ? month : toMonth, toDay))
                .Select(d => new CalendarDay { Date = d, Kind = CalendarDayKind.Holiday, Name = name, Source = source });
        CalendarDay Workday(int year, int month, int day, string name, string source) =>
            new() { Date = new DateOnly(year, month, day), Kind = CalendarDayKind.AdjustedWorkday, Name = name, Source = source };

        CalendarDay[] days =
        [
            // 2025
            .. Holidays(2025, 1, 1, 1, "元旦", Source2025),
            .. Holidays(2025, 1, 28, 4, "春节", Source2025, toMonth: 2),
            Workday(2025, 1, 26, "春节调休", Source2025),
            Workday(2025, 2, 8, "春节调休", Source2025),
            .. Holidays(2025, 4, 4, 6, "清明节", Source2025),
            .. Holidays(2025, 5, 1, 5, "劳动节", Source2025),
            Workday(2025, 4, 27, "劳动节调休", Source2025),
            .. Holidays(2025, 5, 31, 2, "端午节", Source2025, toMonth: 6),
            .. Holidays(2025, 10, 1, 8, "国庆节、中秋节", Source2025),
            Workday(2025, 9, 28, "国庆节调休", Source2025),
            Workday(2025, 10, 11, "国庆节调休", Source2025),
            // 2026
            .. Holidays(2026, 1, 1, 3, "元旦", Source2026),
            Workday(2026, 1, 4, "元旦调休", Source2026),
            .. Holidays(2026, 2, 15, 23, "春节", Source2026),
            Workday(2026, 2, 14, "春节调休", Source2026),
            Workday(2026, 2, 28, "春节调休", Source2026),
            .. Holidays(2026, 4, 4, 6, "清明节", Source2026),
            .. Holidays(2026, 5, 1, 5, "劳动节", Source2026),
            Workday(2026, 5, 9, "劳动节调休", Source2026),
            .. Holidays(2026, 6, 19, 21, "端午节", Source2026),
            .. Holidays(2026, 9, 25, 27, "中秋节", Source2026),
            Workday(2026, 9, 20, "中秋节调休", Source2026),
            .. Holidays(2026, 10, 1, 7, "国庆节", Source2026),
            Workday(2026, 10, 10, "国庆节调休", Source2026),
        ];
        // Stable ids for the seed rows (HasData needs them), in date order.
        return days.OrderBy(d => d.Date).Select((d, i) =>
        {
            d.Id = i + 1;
            return d;
        }).ToList();
    }

    /// <summary>
    /// Ireland's 2026 public holidays (Organisation of Working Time Act 1997, Schedule 2, as amended: St Brigid's Day is the
    /// first Monday in February). No adjusted working days; ids from 1001, apart from mainland China's.
    /// </summary>
    public static IEnumerable<CalendarDay> Ireland()
    {
        const string Source = "Organisation of Working Time Act 1997, Sch. 2";
        (int Month, int Day, string Name)[] days =
        [
            (1, 1, "New Year's Day"), (2, 2, "St Brigid's Day"), (3, 17, "St Patrick's Day"), (4, 6, "Easter Monday"), (5, 4, "May Day"),
            (6, 1, "June Bank Holiday"), (8, 3, "August Bank Holiday"), (10, 26, "October Bank Holiday"), (12, 25, "Christmas Day"), (12, 26, "St Stephen's Day"),
        ];
        return days.Select((d, i) => new CalendarDay
        {
            Id = 1001 + i, Region = CalendarRegions.Ireland, Date = new DateOnly(2026, d.Month, d.Day), Kind = CalendarDayKind.Holiday, Name = d.Name, Source = Source,
        }).ToList();
    }

    private static IEnumerable<DateOnly> Range(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
