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

public static class CalendarRegions
{
    public const string MainlandChina = "CN";
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
        e.HasData(OfficialArrangements.MainlandChina());
    }
}
