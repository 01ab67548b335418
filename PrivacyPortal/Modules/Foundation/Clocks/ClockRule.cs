namespace PrivacyPortal.Modules.Foundation.Clocks;

public enum ClockUnit
{
    WorkingDays,
    CalendarDays,
    CalendarMonths,
    Hours,
}

/// <summary>Where a deadline's number comes from: statute, regulation or standard, or the company's own policy.</summary>
public enum ClockRuleKind
{
    Law,
    Rule,
    Standard,
    Policy,
}

public readonly record struct ClockRule(ClockUnit Unit, int Amount)
{
    public override string ToString() => $"{Amount} {Unit}";
}
