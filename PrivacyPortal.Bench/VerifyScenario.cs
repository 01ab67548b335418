using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Bench;

/// <summary>What one verification run measured. Memory figures are bytes.</summary>
internal sealed record VerifyReport(
    bool Intact,
    long EventsChecked,
    string? Problem,
    double Seconds,
    double CpuSeconds,
    long WorkingSetBefore,
    long PeakWorkingSetBefore,
    long PeakWorkingSet,
    long WorkingSetAfter,
    long GcTotalMemoryAfter,
    long GcHeapSizeAfter,
    long GcCommittedAfter,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections)
{
    public double EventsPerSecond => EventsChecked / Seconds;

    public double EventsPerCpuSecond => EventsChecked / Math.Max(CpuSeconds, 1e-9);
}

/// <summary>
/// Runs the real <see cref="AuditVerifier"/>. The process's peak working set is a high-water mark, so to see what
/// verification itself needs the parent runs it in a fresh child process of this same program
/// (<c>--verify-child &lt;file&gt;</c>) that does nothing else.
/// </summary>
internal static class VerifyScenario
{
    public const string ChildSwitch = "--verify-child";

    /// <summary>The measurement itself; the child prints it as one line of JSON.</summary>
    public static async Task<VerifyReport> MeasureAsync(string databasePath)
    {
        var database = BenchDatabase.Open(databasePath);
        var verifier = new AuditVerifier(database);

        // Build the EF model and open a pooled connection first, so "before" already includes those one-off costs.
        await using (var db = database.CreateDbContext())
        {
            _ = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var process = Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        var peakBefore = process.PeakWorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);

        var meter = Meter.Start();
        var result = await verifier.VerifyAsync();
        var elapsed = meter.Stop("verify", 0);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gcInfo = GC.GetGCMemoryInfo();
        process.Refresh();
        return new VerifyReport(
            result.Intact,
            result.EventsChecked,
            result.Problem,
            elapsed.Elapsed.TotalSeconds,
            elapsed.Cpu.TotalSeconds,
            workingSetBefore,
            peakBefore,
            process.PeakWorkingSet64,
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            gcInfo.HeapSizeBytes,
            gcInfo.TotalCommittedBytes,
            allocated,
            GC.CollectionCount(0) - gen0,
            GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2);
    }

    public static async Task<int> RunChildAsync(string databasePath)
    {
        var report = await MeasureAsync(databasePath);
        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    /// <summary>Starts this program again as a verification-only child and reads back its report.</summary>
    public static async Task<VerifyReport> MeasureInChildAsync(string databasePath)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable is running."),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started as `dotnet PrivacyPortal.Bench.dll` rather than through the apphost: pass the assembly along.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        start.ArgumentList.Add(ChildSwitch);
        start.ArgumentList.Add(databasePath);

        using var child = Process.Start(start) ?? throw new Win32Exception("Could not start the verification child process.");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var output = await stdout;
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"Verification child exited with {child.ExitCode}:{Environment.NewLine}{output}{await stderr}");
        }
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return JsonSerializer.Deserialize<VerifyReport>(lastLine)
            ?? throw new InvalidOperationException("Verification child printed no report.");
    }
}
