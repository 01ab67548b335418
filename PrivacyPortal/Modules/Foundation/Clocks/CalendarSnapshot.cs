namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>
/// A region's calendar held in memory for deadline arithmetic: one small array per loaded year, so a deadline is
/// a few array lookups per day counted. Years with no official arrangement loaded fall back to Monday-Friday and
/// make the result uncertain.
/// </summary>
public sealed class CalendarSnapshot
{
    private const byte None = 0;
    private const byte Holiday = 1;
    private const byte Adjusted = 2;

    private readonly Dictionary<int, byte[]> years;

    public CalendarSnapshot(IEnumerable<(DateOnly Date, CalendarDayKind Kind)> days)
    {
        years = [];
        foreach (var (date, kind) in days)
        {
            if (!years.TryGetValue(date.Year, out var year))
            {
                years[date.Year] = year = new byte[366];
            }
            year[date.DayOfYear - 1] = kind == CalendarDayKind.Holiday ? Holiday : Adjusted;
        }
    }

    public static CalendarSnapshot Empty { get; } = new([]);

    public IReadOnlyCollection<int> LoadedYears => years.Keys;

    public bool IsLoaded(int year) => years.ContainsKey(year);

    /// <summary>Whether <paramref name="date"/> is a working day; sets <paramref name="uncertain"/> when its year is not loaded.</summary>
    public bool IsWorkingDay(DateOnly date, ref bool uncertain)
    {
        var weekday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        if (!years.TryGetValue(date.Year, out var year))
        {
            uncertain = true;
            return weekday;
        }
        return year[date.DayOfYear - 1] switch
        {
            Holiday => false,
            Adjusted => true,
            _ => weekday,
        };
    }
}
