namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>
/// A clock's due instant as a pure function of its own record: the start, the rule it snapshotted, its history of
/// pauses, resumptions and extensions, and a calendar. Pausing, resuming, extending and recomputing all set the due
/// instant through <see cref="Replay"/>, so a recompute after a calendar correction keeps every paused day and extension.
/// </summary>
public static class ClockHistory
{
    /// <param name="entries">The clock's entries in the order they happened (oldest first).</param>
    public static Deadline Replay(Clock clock, IReadOnlyList<ClockEntry> entries, CalendarSnapshot calendar, TimeZoneInfo zone)
    {
        var start = DeadlineCalculator.Compute(clock.StartUtc, clock.Rule, calendar, zone);
        var (due, uncertain) = (start.DueUtc, start.Uncertain);
        // Entries written before extensions recorded their amount: what the clock's total does not otherwise explain.
        var unexplained = clock.Extended - entries.Where(e => e.Kind == ClockEntryKind.Extended).Sum(e => e.Amount ?? 0);
        DateTime? pausedAt = null;
        foreach (var entry in entries)
        {
            switch (entry.Kind)
            {
                case ClockEntryKind.Paused:
                    pausedAt ??= entry.AtUtc;
                    break;
                case ClockEntryKind.Resumed when pausedAt is { } from:
                    var lost = Lost(clock.Unit, from, entry.AtUtc, calendar, zone, ref uncertain);
                    (due, uncertain) = Add(due, lost, uncertain, calendar, zone);
                    pausedAt = null;
                    break;
                case ClockEntryKind.Extended:
                    var amount = entry.Amount ?? Math.Max(0, unexplained);
                    if (entry.Amount is null)
                    {
                        unexplained -= amount;
                    }
                    (due, uncertain) = Add(due, new ClockRule(clock.ExtensionUnit, amount), uncertain, calendar, zone);
                    break;
                case ClockEntryKind.Met or ClockEntryKind.Discharged:
                    pausedAt = null;
                    break;
            }
        }
        return new Deadline(due, uncertain);
    }

    /// <summary>What a pause took out of the period, in the clock's own unit (calendar months count the days paused).</summary>
    private static ClockRule Lost(ClockUnit unit, DateTime pausedAt, DateTime resumedAt, CalendarSnapshot calendar, TimeZoneInfo zone, ref bool uncertain) => unit switch
    {
        ClockUnit.Hours => new ClockRule(ClockUnit.Hours, (int)Math.Ceiling((resumedAt - pausedAt).TotalHours)),
        ClockUnit.WorkingDays => new ClockRule(ClockUnit.WorkingDays, DeadlineCalculator.WorkingDaysBetween(
            DeadlineCalculator.LocalDate(pausedAt, zone), DeadlineCalculator.LocalDate(resumedAt, zone), calendar, ref uncertain)),
        _ => new ClockRule(ClockUnit.CalendarDays, DeadlineCalculator.LocalDate(resumedAt, zone).DayNumber - DeadlineCalculator.LocalDate(pausedAt, zone).DayNumber),
    };

    private static (DateTime Due, bool Uncertain) Add(DateTime due, ClockRule more, bool uncertain, CalendarSnapshot calendar, TimeZoneInfo zone)
    {
        if (more.Amount <= 0)
        {
            return (due, uncertain);
        }
        var moved = DeadlineCalculator.Compute(due, more, calendar, zone);
        return (moved.DueUtc, uncertain || moved.Uncertain);
    }
}
