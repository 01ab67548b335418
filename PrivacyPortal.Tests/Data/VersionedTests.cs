using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Data;

/// <summary>The one optimistic-concurrency pattern every edit goes through, on a real SQLite database.</summary>
public sealed class VersionedTests
{
    private static async Task<(TestDatabase Database, int Id)> OneDayAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        var day = new CalendarDay { Date = new DateOnly(2031, 10, 1), Kind = CalendarDayKind.Holiday, Name = "国庆节", Source = "国办发明电〔2025〕7号", Version = 1 };
        db.Add(day);
        await db.SaveChangesAsync();
        return (database, day.Id);
    }

    [Fact]
    public async Task A_change_from_the_loaded_version_is_saved_and_moves_the_version_on()
    {
        var (database, id) = await OneDayAsync();
        await using (database)
        {
            await using (var db = database.CreateDbContext())
            {
                var day = await db.Set<CalendarDay>().SingleAsync(d => d.Id == id);
                Assert.True(db.TryClaim(day, 1));
                day.Name = "国庆节、中秋节";
                Assert.True(await db.SaveUnlessChangedAsync(CancellationToken.None));
            }
            await using var check = database.CreateDbContext();
            var saved = await check.Set<CalendarDay>().SingleAsync(d => d.Id == id);
            Assert.Equal((2, "国庆节、中秋节"), (saved.Version, saved.Name));
        }
    }

    [Fact]
    public async Task A_change_from_an_older_version_is_refused_before_anything_is_written()
    {
        var (database, id) = await OneDayAsync();
        await using (database)
        {
            await using var db = database.CreateDbContext();
            var day = await db.Set<CalendarDay>().SingleAsync(d => d.Id == id);
            Assert.False(db.TryClaim(day, 0));
            Assert.Equal(1, day.Version);
        }
    }

    [Fact]
    public async Task Someone_elses_save_between_loading_and_saving_makes_the_second_save_a_conflict_that_writes_nothing()
    {
        var (database, id) = await OneDayAsync();
        await using (database)
        {
            await using var mine = database.CreateDbContext();
            await using var theirs = database.CreateDbContext();
            var myDay = await mine.Set<CalendarDay>().SingleAsync(d => d.Id == id);
            var theirDay = await theirs.Set<CalendarDay>().SingleAsync(d => d.Id == id);

            Assert.True(theirs.TryClaim(theirDay, 1));
            theirDay.Name = "他们的修改";
            Assert.True(await theirs.SaveUnlessChangedAsync(CancellationToken.None));

            Assert.True(mine.TryClaim(myDay, 1));
            myDay.Name = "我的修改";
            Assert.False(await mine.SaveUnlessChangedAsync(CancellationToken.None));

            await using var check = database.CreateDbContext();
            var saved = await check.Set<CalendarDay>().SingleAsync(d => d.Id == id);
            Assert.Equal((2, "他们的修改"), (saved.Version, saved.Name));
        }
    }
}
