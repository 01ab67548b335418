using System.Globalization;

namespace PrivacyPortal.Bench;

/// <summary>The closing table: each figure, its target and PASS/MISS (or "info" where there is no target).</summary>
internal sealed class Summary
{
    private readonly List<(string Figure, string Value, string Target, bool? Pass, string Note)> rows = [];

    public void Add(string figure, string value, string target, bool? pass, string note = "") => rows.Add((figure, value, target, pass, note));

    public void AddInfo(string figure, string value, string note = "") => rows.Add((figure, value, "-", null, note));

    public void Print()
    {
        var figureWidth = Math.Max("Figure".Length, rows.Max(r => r.Figure.Length));
        var valueWidth = Math.Max("Value".Length, rows.Max(r => r.Value.Length));
        var targetWidth = Math.Max("Target".Length, rows.Max(r => r.Target.Length));
        var noteWidth = Math.Max("Note".Length, rows.Max(r => r.Note.Length));
        var rule = new string('-', figureWidth + valueWidth + targetWidth + noteWidth + 16);

        Console.WriteLine();
        Console.WriteLine("SUMMARY");
        Console.WriteLine(rule);
        Console.WriteLine($"{"Figure".PadRight(figureWidth)}  {"Value".PadLeft(valueWidth)}  {"Target".PadRight(targetWidth)}  Result  Note");
        Console.WriteLine(rule);
        foreach (var (figure, value, target, pass, note) in rows)
        {
            var result = pass switch { true => "PASS", false => "MISS", null => "info" };
            Console.WriteLine($"{figure.PadRight(figureWidth)}  {value.PadLeft(valueWidth)}  {target.PadRight(targetWidth)}  {result}    {note}".TrimEnd());
        }
        Console.WriteLine(rule);
        var misses = rows.Count(r => r.Pass == false);
        Console.WriteLine(misses == 0 ? "All targets met." : $"{misses} target(s) missed.");
    }

    public static string Rate(double eventsPerSecond) => string.Create(CultureInfo.InvariantCulture, $"{eventsPerSecond:N0} ev/s");

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N1} MB");

    public static string Percent(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:N1} %");
}
