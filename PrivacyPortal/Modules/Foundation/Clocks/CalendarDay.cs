using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Clocks;

public enum CalendarDayKind
{
    /// <summary>A public holiday (法定节假日), including the weekend days folded into it.</summary>
    Holiday,

    /// <summary>A weekend day worked in exchange (调休上班).</summary>
    AdjustedWorkday,
}

/// <summary>
/// One exception to the Monday-to-Friday week in a region's official arrangement. A working day is a weekday that
/// is not a holiday, or an adjusted working day.
/// </summary>
public sealed class CalendarDay : IVersioned
{
    public int Id { get; set; }

    /// <summary>"CN" for mainland China; other regions can be loaded beside it.</summary>
    public string Region { get; set; } = CalendarRegions.MainlandChina;

    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>e.g. 春节, 国庆节.</summary>
    public string Name { get; set; } = "";

    /// <summary>The document the arrangement comes from, e.g. 国办发明电〔2025〕7号.</summary>
    public string Source { get; set; } = "";

    public int Version { get; set; }
}

/// <summary>
/// The calendars deadlines count on. Mainland China's (with its adjusted working days) for Chinese law; for the GDPR the
/// member state of the company's EU establishment or representative (Regulation (EEC, Euratom) No 1182/71: a period
/// whose last day is a public holiday, Saturday or Sunday ends with the next working day). Ireland is shipped; staff may
/// import any other region's holidays and point the GDPR presets at it.
/// </summary>
public static class CalendarRegions
{
    public const string MainlandChina = "CN";
    public const string Ireland = "IE";

    public static readonly IReadOnlyList<string> Shipped = [MainlandChina, Ireland];

    /// <summary>A region code: two to eight capital letters or digits (ISO 3166 alpha-2 for a country).</summary>
    public static bool IsValid(string? region) => region is { Length: >= 2 and <= 8 } && region.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.ToTable("CalendarDays");
        e.HasIndex(x => new { x.Region, x.Date }).IsUnique();
        e.Property(x => x.Region).HasMaxLength(8);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(40);
        e.Property(x => x.Source).HasMaxLength(80);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasData(OfficialArrangements.MainlandChina().Concat(OfficialArrangements.Ireland()));
    }
}
