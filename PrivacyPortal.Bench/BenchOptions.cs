namespace PrivacyPortal.Bench;

internal sealed record BenchOptions
{
    /// <summary>Length of the chain the verifier walks.</summary>
    public int Events { get; init; } = 1_000_000;

    /// <summary>Events appended in the hashed-vs-unhashed comparison.</summary>
    public int Append { get; init; } = 200_000;

    /// <summary>Records per <c>AppendAsync(IReadOnlyList)</c> call in the comparison.</summary>
    public int Batch { get; init; } = 1_000;

    /// <summary>Events appended one <c>AppendAsync(record)</c> call at a time, as a page does.</summary>
    public int Single { get; init; } = 5_000;

    /// <summary>Records per call when topping the chain up to <see cref="Events"/>.</summary>
    public int FillBatch { get; init; } = 10_000;

    /// <summary>How many times to repeat the hashed-vs-unhashed race (fresh files each time, order alternating); medians are reported.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>After the verification, time its parts (read, hash) and candidate improvements.</summary>

    /// <summary>Run the verifier inside this process instead of a fresh child (its peak working set then includes the appends).</summary>
    public bool VerifyInProcess { get; init; }

    /// <summary>Leave the temporary databases behind.</summary>
    public bool Keep { get; init; }

    public string? VerifyChildDatabase { get; init; }

    public const string Usage = """
        Usage: dotnet run -c Release --project PrivacyPortal.Bench -- [options]
          --events N        chain length to verify             (default 1,000,000)
          --append N        events in the hashed/unhashed race (default 200,000)
          --batch N         records per append call            (default 1,000)
          --single N        one-record append calls            (default 5,000)
          --fill-batch N    records per call when filling up   (default 10,000)
          --rounds N        repeat the race, report medians    (default 1)
          --verify-in-process   verify in this process, not a fresh child
          --keep            keep the temporary databases
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--events": options = options with { Events = Number(value) }; i++; break;
                case "--append": options = options with { Append = Number(value) }; i++; break;
                case "--batch": options = options with { Batch = Number(value) }; i++; break;
                case "--single": options = options with { Single = Number(value) }; i++; break;
                case "--fill-batch": options = options with { FillBatch = Number(value) }; i++; break;
                case "--rounds": options = options with { Rounds = Number(value) }; i++; break;
                case "--verify-in-process": options = options with { VerifyInProcess = true }; break;
                case "--keep": options = options with { Keep = true }; break;
                case VerifyScenario.ChildSwitch: options = options with { VerifyChildDatabase = value }; i++; break;
                default: return null;
            }
        }
        return options.Batch > 0 && options.FillBatch > 0 && options.Rounds > 0 ? options : null;
    }

    private static int Number(string? text)
    {
        var cleaned = (text ?? "").Replace("_", "").Replace(",", "");
        return int.TryParse(cleaned, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"Not a whole number: '{text}'.");
    }
}
