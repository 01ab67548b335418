namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>The State Council's published holiday arrangements, shipped as seed data.</summary>
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

    private static IEnumerable<DateOnly> Range(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
