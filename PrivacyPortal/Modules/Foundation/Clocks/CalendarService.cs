using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>The in-memory calendars, rebuilt after any change to the table (on this instance at once, elsewhere within a minute).</summary>
public sealed class CalendarCache(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (CalendarSnapshot Snapshot, DateTimeOffset LoadedAt)> regions = new();

    public async Task<CalendarSnapshot> GetAsync(string region, CancellationToken cancellationToken = default)
    {
        if (regions.TryGetValue(region, out var cached) && time.GetUtcNow() - cached.LoadedAt < MaxAge)
        {
            return cached.Snapshot;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var days = await db.Set<CalendarDay>().AsNoTracking().Where(d => d.Region == region)
            .Select(d => new { d.Date, d.Kind }).ToListAsync(cancellationToken);
        var snapshot = new CalendarSnapshot(days.Select(d => (d.Date, d.Kind)));
        regions[region] = (snapshot, time.GetUtcNow());
        return snapshot;
    }

    public void Invalidate(string region) => regions.TryRemove(region, out _);
}

public sealed class CalendarEntryInput
{
    public int Id { get; set; }

    public DateTime? Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    public string Name { get; set; } = "";

    public string Source { get; set; } = "";

    public int Version { get; set; }
}

public sealed record CalendarImportRow(int Line, DateOnly Date, CalendarDayKind Kind, string Name, string Source);

/// <summary>One refused line; <see cref="Value"/> is what the line held, made printable (<see cref="Shared.TextFiles.Printable"/>).</summary>
public sealed record CalendarImportError(int Line, string MessageKey, string? Value)
{
    public string? Value { get; } = Shared.TextFiles.Printable(Value);
}

public enum CalendarChange
{
    Done,
    NotFound,
    Conflict,
}

/// <summary>Compliance officers keep the working-day calendar: view a year, edit entries, import a year from CSV.</summary>
public sealed class CalendarService(IDbContextFactory<PortalDbContext> contexts, CalendarCache cache, AuditTrail audit, PortalTime time)
{
    public const string CsvHeader = "date,kind,name,source";

    public async Task<IReadOnlyList<CalendarDay>> YearAsync(string region, int year, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<CalendarDay>().AsNoTracking()
            .Where(d => d.Region == region && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The regions deadlines may count on: those shipped, those with imported days, and those presets name.</summary>
    public async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var days = await db.Set<CalendarDay>().Select(d => d.Region).Distinct().ToListAsync(cancellationToken);
        var presets = await db.Set<ClockPreset>().Select(p => p.CalendarRegion).Distinct().ToListAsync(cancellationToken);
        return [.. CalendarRegions.Shipped.Concat(days).Concat(presets).Distinct()];
    }

    public async Task<IReadOnlyList<int>> LoadedYearsAsync(string region, CancellationToken cancellationToken = default) =>
        (await cache.GetAsync(region, cancellationToken)).LoadedYears.Order().ToList();

    /// <summary>From November, next year's official arrangement should be loaded before deadlines run into it.</summary>
    public async Task<int?> MissingNextYearAsync(string region, CancellationToken cancellationToken = default)
    {
        var today = time.Today();
        if (today.Month < 11)
        {
            return null;
        }
        return (await cache.GetAsync(region, cancellationToken)).IsLoaded(today.Year + 1) ? null : today.Year + 1;
    }

    public async Task<(FieldErrors Errors, CalendarChange Change)> SaveAsync(string region, CalendarEntryInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (input.Date is null)
        {
            errors[nameof(input.Date)] = "Validation.Required";
        }
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors[nameof(input.Name)] = "Validation.Required";
        }
        else if (input.Name.Trim().Length > 40)
        {
            errors[nameof(input.Name)] = "Validation.TooLong";
        }
        if (string.IsNullOrWhiteSpace(input.Source))
        {
            errors[nameof(input.Source)] = "Validation.Required";
        }
        else if (input.Source.Trim().Length > 80)
        {
            errors[nameof(input.Source)] = "Validation.TooLong";
        }
        if (!errors.IsValid)
        {
            return (errors, CalendarChange.Done);
        }

        var date = DateOnly.FromDateTime(input.Date!.Value);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<CalendarDay>().AnyAsync(d => d.Region == region && d.Date == date && d.Id != input.Id, cancellationToken))
        {
            errors[nameof(input.Date)] = "Calendar.DateTaken";
            return (errors, CalendarChange.Done);
        }

        CalendarDay day;
        if (input.Id == 0)
        {
            day = new CalendarDay { Region = region, Version = 1 };
            db.Add(day);
        }
        else
        {
            var found = await db.Set<CalendarDay>().FirstOrDefaultAsync(d => d.Id == input.Id && d.Region == region, cancellationToken);
            if (found is null)
            {
                return (errors, CalendarChange.NotFound);
            }
            day = found;
            if (!db.TryClaim(day, input.Version))
            {
                return (errors, CalendarChange.Conflict);
            }
        }
        day.Date = date;
        day.Kind = input.Kind;
        day.Name = input.Name.Trim();
        day.Source = input.Source.Trim();
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, CalendarChange.Conflict);
        }
        cache.Invalidate(region);
        await audit.RecordAsync(input.Id == 0 ? "calendar.added" : "calendar.changed", targetType: "calendar-day", targetId: day.Id.ToString(CultureInfo.InvariantCulture),
            detail: new { region, date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), kind = day.Kind.ToString() }, cancellationToken: cancellationToken);
        return (errors, CalendarChange.Done);
    }

    public async Task<CalendarChange> DeleteAsync(string region, int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Set<CalendarDay>().Where(d => d.Id == id && d.Region == region && d.Version == version).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return await db.Set<CalendarDay>().AnyAsync(d => d.Id == id, cancellationToken) ? CalendarChange.Conflict : CalendarChange.NotFound;
        }
        cache.Invalidate(region);
        await audit.RecordAsync("calendar.deleted", targetType: "calendar-day", targetId: id.ToString(CultureInfo.InvariantCulture), detail: new { region }, cancellationToken: cancellationToken);
        return CalendarChange.Done;
    }

    /// <summary>
    /// Reads "date,kind,name,source" rows for one year. Every bad row is reported with its line number; the caller
    /// imports nothing unless the list of errors is empty.
    /// </summary>
    public static (IReadOnlyList<CalendarImportRow> Rows, IReadOnlyList<CalendarImportError> Errors) ParseCsv(string text, int year)
    {
        var rows = new List<CalendarImportRow>();
        var errors = new List<CalendarImportError>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            var number = i + 1;
            if (line.Length == 0 || (i == 0 && line.Equals(CsvHeader, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var cells = line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length != 4)
            {
                errors.Add(new(number, "Calendar.Import.Columns", line));
                continue;
            }
            if (!DateOnly.TryParseExact(cells[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new(number, "Calendar.Import.BadDate", cells[0]));
                continue;
            }
            if (date.Year != year)
            {
                errors.Add(new(number, "Calendar.Import.WrongYear", cells[0]));
                continue;
            }
            if (!Enum.TryParse<CalendarDayKind>(cells[1], ignoreCase: true, out var kind) || int.TryParse(cells[1], out _))
            {
                errors.Add(new(number, "Calendar.Import.BadKind", cells[1]));
                continue;
            }
            if (cells[2].Length is 0 or > 40 || cells[3].Length is 0 or > 80)
            {
                errors.Add(new(number, "Calendar.Import.NameSource", null));
                continue;
            }
            if (!seen.Add(date))
            {
                errors.Add(new(number, "Calendar.Import.Duplicate", cells[0]));
                continue;
            }
            rows.Add(new(number, date, kind, cells[2], cells[3]));
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(0, "Calendar.Import.Empty", null));
        }
        return (rows, errors);
    }

    /// <summary>Replaces the year's entries with a clean file, all at once.</summary>
    public async Task ImportAsync(string region, int year, IReadOnlyList<CalendarImportRow> rows, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Set<CalendarDay>().Where(d => d.Region == region && d.Date >= from && d.Date <= to).ExecuteDeleteAsync(ct);
            db.AddRange(rows.Select(r => new CalendarDay { Region = region, Date = r.Date, Kind = r.Kind, Name = r.Name, Source = r.Source, Version = 1 }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        cache.Invalidate(region);
        await audit.RecordAsync("calendar.imported", targetType: "calendar-year", targetId: $"{region}-{year}",
            detail: new { region, year, entries = rows.Count }, cancellationToken: cancellationToken);
    }
}
