using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Clocks;

public sealed class CalendarServiceTests : IAsyncLifetime
{
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private const string Good2027 = """
        date,kind,name,source
        2027-01-01,Holiday,元旦,国办发明电〔2026〕X号
        2027-02-06,Holiday,春节,国办发明电〔2026〕X号
        2027-02-07,AdjustedWorkday,春节调休,国办发明电〔2026〕X号
        """;

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_number()
    {
        const string csv = """
            date,kind,name,source
            2027-01-01,Holiday,元旦,通知
            2027-13-01,Holiday,不存在的日期,通知
            2026-12-31,Holiday,去年,通知
            2027-02-01,Vacation,未知类型,通知
            2027-01-01,Holiday,重复,通知
            2027-03-01,Holiday
            """;
        var (rows, errors) = CalendarService.ParseCsv(csv, 2027);

        Assert.Single(rows);
        Assert.Equal(
            [(3, "Calendar.Import.BadDate"), (4, "Calendar.Import.WrongYear"), (5, "Calendar.Import.BadKind"), (6, "Calendar.Import.Duplicate"), (7, "Calendar.Import.Columns")],
            errors.Select(e => (e.Line, e.MessageKey)));
    }

    [Fact]
    public async Task A_clean_file_replaces_the_year_and_loads_it_for_deadlines()
    {
        var calendar = harness.Get<CalendarService>();
        Assert.Equal(2027, await calendar.MissingNextYearAsync(CalendarRegions.MainlandChina));

        var (rows, errors) = CalendarService.ParseCsv(Good2027, 2027);
        Assert.Empty(errors);
        await calendar.ImportAsync(CalendarRegions.MainlandChina, 2027, rows);

        Assert.Equal(3, (await calendar.YearAsync(CalendarRegions.MainlandChina, 2027)).Count);
        Assert.Null(await calendar.MissingNextYearAsync(CalendarRegions.MainlandChina));
        Assert.Equal([2025, 2026, 2027], await calendar.LoadedYearsAsync(CalendarRegions.MainlandChina));
        await using var db = harness.Database.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "calendar.imported" && e.TargetId == "CN-2027"));
    }

    [Fact]
    public async Task Two_entries_on_one_date_are_refused_at_the_field()
    {
        var (errors, _) = await harness.Get<CalendarService>().SaveAsync(CalendarRegions.MainlandChina, new CalendarEntryInput
        {
            Date = new DateTime(2026, 10, 1), Kind = CalendarDayKind.Holiday, Name = "国庆节", Source = "重复",
        });
        Assert.Equal("Calendar.DateTaken", errors.For("Date"));
    }
}
