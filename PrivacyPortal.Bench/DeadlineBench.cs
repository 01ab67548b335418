using System.Diagnostics;
using PrivacyPortal.Modules.Foundation.Clocks;

namespace PrivacyPortal.Bench;

/// <summary>Deadline arithmetic over the seeded 2026 calendar: 1,000,000 computations across every rule kind.</summary>
internal static class DeadlineBench
{
    public static void Run(int computations = 1_000_000)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var calendar = new CalendarSnapshot(OfficialArrangements.MainlandChina().Select(d => (d.Date, d.Kind)));
        ClockRule[] rules =
        [
            new(ClockUnit.WorkingDays, 15), new(ClockUnit.CalendarDays, 30), new(ClockUnit.CalendarMonths, 1), new(ClockUnit.Hours, 72),
        ];
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        long checksum = 0;

        // Warm up the JIT, then measure.
        for (var i = 0; i < 10_000; i++)
        {
            checksum += DeadlineCalculator.Compute(start.AddMinutes(i * 37 % 400_000), rules[i % rules.Length], calendar, zone).DueUtc.Ticks;
        }
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < computations; i++)
        {
            // Start instants spread over the whole of 2026 (every 31 minutes, wrapping), holidays included.
            checksum += DeadlineCalculator.Compute(start.AddMinutes(i * 31L % 480_000), rules[i % rules.Length], calendar, zone).DueUtc.Ticks;
        }
        watch.Stop();

        Console.WriteLine();
        Console.WriteLine("Deadline computations (2026 calendar, 15 working days / 30 calendar days / 1 month / 72 h)");
        Console.WriteLine($"  {computations:N0} computations in {watch.Elapsed.TotalMilliseconds:N0} ms = {computations / watch.Elapsed.TotalSeconds:N0}/s   target < 1,000 ms: {(watch.Elapsed.TotalMilliseconds < 1000 ? "PASS" : "MISS")}   (checksum {checksum % 1000})");
    }
}
