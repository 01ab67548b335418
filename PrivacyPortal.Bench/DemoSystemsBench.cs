// Demo systems bench: how fast the generator writes the three demo stores, the usage-log store at scale.
//
//     dotnet run -c Release --project PrivacyPortal.Bench -- demo-systems [--rows 1000000] [--people N] [--out FOLDER]
//
// Writes crm.db, usage.db and delivery.db with --rows login events (page views and deliveries scale with the
// people; --people defaults to rows / 20, at least 200) into --out, or into a temporary folder that is deleted
// afterwards. Prints the login-event insert rate (one transaction, one prepared command) and the whole run.
// Target: >= 200,000 login events/s. Prints figures; never fails on a miss.

using System.Globalization;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Demo;

namespace PrivacyPortal.Bench;

internal static class DemoSystemsBench
{
    private const double RowsTarget = 200_000;

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var rows = BenchArgs.Number(args, "--rows", 1_000_000);
        var people = BenchArgs.Number(args, "--people", Math.Max(200, rows / 20));
        var output = BenchArgs.Text(args, "--out");
        var folder = output ?? Directory.CreateTempSubdirectory("pp-bench-demo-systems-").FullName;
        var options = new DemoSystemsOptions
        {
            People = people,
            LoginEvents = rows,
            PageViews = people * 3,
            Deliveries = people * 3 / 10,
            NowUtc = DateTime.UtcNow,
        };
#if DEBUG
        Console.WriteLine("WARNING: Debug build. Run with -c Release for meaningful figures.");
#endif
        Console.WriteLine($"Demo systems bench · {rows:N0} login events · {people:N0} people · {folder}");
        try
        {
            // Warm-up (JIT, Bogus locale data, SQLite): a small set in its own folder, not measured.
            var warm = Path.Combine(folder, "warm-up");
            DemoSystems.Generate(warm, new DemoSystemsOptions { NowUtc = options.NowUtc });
            DemoSystems.Delete(warm);
            Directory.Delete(warm, recursive: true);

            var result = DemoSystems.Generate(folder, options);
            var rate = result.LoginEvents / result.LoginEventsElapsed.TotalSeconds;
            var cpuRate = result.LoginEvents / Math.Max(1e-9, result.LoginEventsCpu.TotalSeconds);
            Console.WriteLine();
            Console.WriteLine($"{"figure",-44} {"value",16} {"target",14}  result");
            Row("customers (crm.db)", $"{result.Customers:N0}", "", null);
            Row("login events (usage.db)", $"{result.LoginEvents:N0}", "", null);
            Row("page views (usage.db)", $"{result.PageViews:N0}", "", null);
            Row("deliveries (delivery.db)", $"{result.Deliveries:N0}", "", null);
            Row("login events insert time", $"{result.LoginEventsElapsed.TotalSeconds:N2} s", "", null);
            Row("login events inserted per second", $"{rate:N0}", $">= {RowsTarget:N0}", rate >= RowsTarget);
            Row("login events per CPU-second of this process", $"{cpuRate:N0}", "", null);
            Row("whole run (people, 3 stores, indexes)", $"{result.Elapsed.TotalSeconds:N2} s", "", null);
            Row("load average (other processes share the cores)", LoadAverage(), "", null);
            foreach (var file in DemoSystems.Files)
            {
                Row($"{file} on disk", $"{new FileInfo(Path.Combine(folder, file)).Length / 1024.0 / 1024.0:N1} MB", "", null);
            }
            return 0;
        }
        finally
        {
            if (output is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Row(string name, string value, string target, bool? pass) =>
        Console.WriteLine($"{name,-44} {value,16} {target,14}  {(pass is null ? "" : pass.Value ? "PASS" : "MISS")}");
}

/// <summary>Option parsing shared by the newer bench modes: <c>--name value</c>, numbers may use _ or , separators.</summary>
internal static class BenchArgs
{
    public static int Number(string[] args, string name, int fallback)
    {
        var text = Text(args, name);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text.Replace("_", "").Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name}: not a whole number: '{text}'.");
    }

    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
