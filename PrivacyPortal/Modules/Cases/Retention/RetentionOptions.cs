namespace PrivacyPortal.Modules.Cases.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Rows per purge statement; the connector caps it at 5,000 (below SQL Server's lock escalation).</summary>
    public int BatchSize { get; set; } = 4000;

    /// <summary>
    /// After each batch the purge pauses for this share of the batch's own time (at least
    /// <see cref="PauseMilliseconds"/>), so live traffic gets the database in between: a busy database makes batches
    /// slower and the pauses longer with them. 0.25 leaves others at least a fifth of the time.
    /// </summary>
    public double PauseShare { get; set; } = 0.25;

    /// <summary>The shortest pause between batches.</summary>
    public int PauseMilliseconds { get; set; } = 10;

    /// <summary>
    /// How long a claimed rule stays ours without progress (the lease is renewed about every second while batches run); a
    /// run whose instance died elsewhere is taken over after this. One on this machine whose process is gone is taken over at once.
    /// </summary>
    public int LeaseSeconds { get; set; } = 90;

    /// <summary>Manual and HTTP systems: a new owner purge task when the last one is this old.</summary>
    public int OwnerPurgeEveryDays { get; set; } = 30;
}

/// <summary>
/// Periods the law sets as a floor. Network logs: at least 6 calendar months (网络安全法 art. 23(3) since
/// 2026-01-01, formerly art. 21(3)); the device/usage and browsing categories are the portal's network logs.
/// </summary>
public static class LegalMinimums
{
    public const int NetworkLogMonths = 6;
    public const string NetworkLogSource = "网络安全法 第二十三条第三项";

    public static readonly IReadOnlySet<string> NetworkLogCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        PrivacyPortal.Modules.DataPlane.Inventory.DataCategories.DeviceUsage,
        PrivacyPortal.Modules.DataPlane.Inventory.DataCategories.Browsing,
    };

    /// <summary>Calendar months the law requires for records of these categories; 0 when none.</summary>
    public static int MonthsFor(IEnumerable<string> categoryKeys) => categoryKeys.Any(NetworkLogCategories.Contains) ? NetworkLogMonths : 0;

    /// <summary>The instant before which a record may go: the earlier of the rule's cutoff and the law's.</summary>
    public static DateTime Cutoff(DateTime nowUtc, int period, RetentionUnit unit, int minimumMonths)
    {
        var rule = unit == RetentionUnit.Days ? nowUtc.AddDays(-period) : nowUtc.AddMonths(-period);
        var law = nowUtc.AddMonths(-minimumMonths);
        return rule < law ? rule : law;
    }

    /// <summary>True when the rule keeps records at least as long as the law requires, counted from <paramref name="nowUtc"/>.</summary>
    public static bool Meets(DateTime nowUtc, int period, RetentionUnit unit, int minimumMonths)
    {
        var rule = unit == RetentionUnit.Days ? nowUtc.AddDays(-period) : nowUtc.AddMonths(-period);
        return rule <= nowUtc.AddMonths(-minimumMonths);
    }
}
