// PrivacyPortal.Bench: throughput and memory of the hash-chained audit trail on SQLite.
//
// How to run (from the repository root; always Release, numbers from a Debug build mean nothing):
//
//     dotnet run -c Release --project PrivacyPortal.Bench
//     dotnet run -c Release --project PrivacyPortal.Bench -- --events 1000000 --append 200000 --batch 1000
//
// Options (all optional):
//     --events N            chain length the verifier walks            (default 1,000,000)
//     --append N            events in the hashed vs unhashed race      (default 200,000)
//     --batch N             records per AppendAsync(list) call         (default 1,000)
//     --single N            one-record AppendAsync(record) calls       (default 5,000)
//     --fill-batch N        records per call when filling up to N      (default 10,000)
//     --rounds N            repeat the append race on fresh files, report medians (default 1)
//     --verify-in-process   verify in this process instead of a fresh child process
//     --keep                keep the temporary SQLite files (their folder is printed)
//
// What it does, each step on fresh SQLite files in a temporary folder, migrated with the portal's own migrations
// and opened with the portal's own provider options (WAL, synchronous=NORMAL):
//   1. Warm-up on throwaway databases (JIT, EF model), not measured.
//   2. Hashed append: the real AuditChainWriter, --append events in --batch sized calls, then --single one-event calls.
//   3. Unhashed baseline: the same rows through the same EF path (context per call, transaction per batch,
//      AddRange + SaveChanges) with no tail read and no hashing, on a separate fresh database; ratio hashed/unhashed.
//   4. Fills the hashed chain up to --events with AuditChainWriter in --fill-batch calls (a second append figure),
//      then runs the real AuditVerifier over it in a fresh child process, so its peak working set is its own.
//   5. Prints a summary table with targets and PASS/MISS. It never fails on a miss; the exit code is 0 unless it crashed.
//
// Other modes (first argument), each described at the top of its file:
//     notifications   outbox enqueue and SMTP dispatch            (NotificationsBench.cs)
//     deadlines       deadline arithmetic                          (DeadlineBench.cs)
//     subjects        lookup by phone among 1,000,000 subjects     (SubjectsBench.cs)
//     demo-systems    writing the demo stores, --rows login events (DemoSystemsBench.cs)
//     breaches        affected import, campaign fan-out, progress  (BreachesBench.cs)
//     audit-search    auditor search pages on 5,000,000 events, CSV export (AuditSearchBench.cs)
//     retention       purge 1,000,000 expired rows; close 100,000 follow-ups (RetentionBench.cs)
//
// Targets: append >= 20,000 events/s (single writer) and >= 50 % of the unhashed rate;
//          verification >= 300,000 events/s with peak working set < 200 MB.

using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Data.Sqlite;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Bench;

internal static class Program
{
    private const double AppendTarget = 20_000;
    private const double RatioTarget = 0.5;
    private const double VerifyTarget = 300_000;
    private const long PeakWorkingSetTarget = 200L * 1024 * 1024;

    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "notifications":
                return await NotificationsBench.RunAsync(args[1..]);
            case "dataplane":
                return await DataPlaneBench.RunAsync(args[1..]);
            case "deadlines":
                DeadlineBench.Run();
                return 0;
            case "subjects":
                return await SubjectsBench.RunAsync(args[1..]);
            case "requests":
                return await RequestQueueBench.RunAsync(args[1..]);
            case "breaches":
                return await BreachesBench.RunAsync(args[1..]);
            case "audit-search":
                return await AuditSearchBench.RunAsync(args[1..]);
            case "demo-systems":
                return DemoSystemsBench.Run(args[1..]);
            case "retention":
                return await RetentionBench.RunAsync(args[1..]);
            case "retention-stores":
                return RetentionBench.WriteStores(args[1..]);
            case "retention-purge":
                return await RetentionBench.PurgeInChildAsync(args[1..]);
        }

        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }
        if (options.VerifyChildDatabase is { } childDatabase)
        {
            return await VerifyScenario.RunChildAsync(childDatabase);
        }

        PrintEnvironment(options);
        var folder = Directory.CreateTempSubdirectory("privacyportal-bench-").FullName;
        Console.WriteLine($"Databases in   {folder}");
        try
        {
            await RunAsync(options, folder);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!options.Keep)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        return 0;
    }

    private static async Task RunAsync(BenchOptions options, string folder)
    {
        var time = TimeProvider.System;
        var pool = SampleRecords.Create(20_000);
        var batches = SampleRecords.Batches(pool, options.Append, options.Batch);
        var singles = SampleRecords.Batches(pool, options.Single, 1).Select(b => b[0]).ToArray();
        var summary = new Summary();

        // 1. Warm-up: JIT and EF model building happen here, on throwaway files.
        Section("Warm-up (not measured)");
        {
            // 40 calls each way so per-call code reaches tier-1 JIT too (tiering kicks in after 30 calls).
            var warmBatches = SampleRecords.Batches(pool, 40 * Math.Min(options.Batch, 250), Math.Min(options.Batch, 250));
            var warmSingles = singles.Take(200).ToArray();
            var hashedWarm = new AuditChainWriter(await BenchDatabase.CreateAsync(Path.Combine(folder, "warmup-hashed.db")), time);
            await HashedAppend.BatchesAsync("warm-up", hashedWarm, warmBatches);
            await HashedAppend.SinglesAsync("warm-up", hashedWarm, warmSingles);
            var plainWarm = new UnhashedAppend(await BenchDatabase.CreateAsync(Path.Combine(folder, "warmup-plain.db")), time);
            await plainWarm.BatchesAsync("warm-up", warmBatches);
            await plainWarm.SinglesAsync("warm-up", warmSingles);
            Console.WriteLine("done");
        }

        // 2 + 3. Hashed append vs the unhashed baseline, each on its own fresh, migrated database.
        var hashedBatches = new List<Throughput>();
        var plainBatches = new List<Throughput>();
        var hashedSingles = new List<Throughput>();
        var plainSingles = new List<Throughput>();
        BenchDatabase? hashedDb = null;
        AuditChainWriter? writer = null;
        for (var round = 1; round <= options.Rounds; round++)
        {
            var migrate = Stopwatch.StartNew();
            hashedDb = await BenchDatabase.CreateAsync(Path.Combine(folder, $"hashed-{round}.db"));
            migrate.Stop();
            var plainDb = await BenchDatabase.CreateAsync(Path.Combine(folder, $"plain-{round}.db"));
            writer = new AuditChainWriter(hashedDb, time);
            var plain = new UnhashedAppend(plainDb, time);
            var hashedFirst = round % 2 == 1;

            Section($"Round {round}/{options.Rounds}: append {options.Append:N0} events, {options.Batch:N0} per call, single writer " +
                $"(fresh databases, migrated in {migrate.Elapsed.TotalMilliseconds:N0} ms; {(hashedFirst ? "hashed" : "unhashed")} first)");
            foreach (var hashed in hashedFirst ? [true, false] : new[] { false, true })
            {
                if (hashed)
                {
                    hashedBatches.Add(Report(await HashedAppend.BatchesAsync("hashed   (AuditChainWriter)", writer, batches)));
                }
                else
                {
                    plainBatches.Add(Report(await plain.BatchesAsync("unhashed (EF baseline)    ", batches)));
                }
            }

            Section($"Round {round}/{options.Rounds}: append {options.Single:N0} events, one AppendAsync(record) call each (what a page does)");
            foreach (var hashed in hashedFirst ? [true, false] : new[] { false, true })
            {
                if (hashed)
                {
                    hashedSingles.Add(Report(await HashedAppend.SinglesAsync("hashed   (AuditChainWriter)", writer, singles)));
                }
                else
                {
                    plainSingles.Add(Report(await plain.SinglesAsync("unhashed (EF baseline)    ", singles)));
                }
            }
        }

        var hashedBatch = Median(hashedBatches);
        var plainBatch = Median(plainBatches);
        var hashedSingle = Median(hashedSingles);
        var plainSingle = Median(plainSingles);
        var batchRatio = hashedBatch.EventsPerSecond / plainBatch.EventsPerSecond;
        var singleRatio = hashedSingle.EventsPerSecond / plainSingle.EventsPerSecond;
        Section(options.Rounds == 1 ? "Append results" : $"Append results (medians of {options.Rounds} rounds)");
        Console.WriteLine($"{options.Batch:N0}/call: hashed {Summary.Rate(hashedBatch.EventsPerSecond)}, unhashed {Summary.Rate(plainBatch.EventsPerSecond)}, " +
            $"ratio {Summary.Percent(batchRatio)} (per CPU-second: {Summary.Percent(hashedBatch.EventsPerCpuSecond / plainBatch.EventsPerCpuSecond)})");
        Console.WriteLine($"1/call:     hashed {Summary.Rate(hashedSingle.EventsPerSecond)} ({1000 / hashedSingle.EventsPerSecond:N3} ms/call), " +
            $"unhashed {Summary.Rate(plainSingle.EventsPerSecond)} ({1000 / plainSingle.EventsPerSecond:N3} ms/call), ratio {Summary.Percent(singleRatio)}");

        summary.Add($"Append hashed, {options.Batch:N0}/call", Summary.Rate(hashedBatch.EventsPerSecond), $">= {Summary.Rate(AppendTarget)}",
            hashedBatch.EventsPerSecond >= AppendTarget, CpuNote(hashedBatch.EventsPerCpuSecond));
        summary.AddInfo($"Append unhashed baseline, {options.Batch:N0}/call", Summary.Rate(plainBatch.EventsPerSecond), CpuNote(plainBatch.EventsPerCpuSecond));
        summary.Add($"Hashed / unhashed, {options.Batch:N0}/call", Summary.Percent(batchRatio), $">= {Summary.Percent(RatioTarget)}",
            batchRatio >= RatioTarget, $"per CPU-s: {Summary.Percent(hashedBatch.EventsPerCpuSecond / plainBatch.EventsPerCpuSecond)}");
        summary.AddInfo("Append hashed, 1/call", Summary.Rate(hashedSingle.EventsPerSecond), CpuNote(hashedSingle.EventsPerCpuSecond));
        summary.AddInfo("Append unhashed baseline, 1/call", Summary.Rate(plainSingle.EventsPerSecond), CpuNote(plainSingle.EventsPerCpuSecond));
        summary.AddInfo("Hashed / unhashed, 1/call", Summary.Percent(singleRatio));

        // 4. Top the hashed chain up to --events (a second append figure), then verify it.
        var existing = (long)options.Append + options.Single;
        var fill = (int)Math.Max(0, options.Events - existing);
        if (fill > 0)
        {
            Section($"Fill the chain to {options.Events:N0} events, {options.FillBatch:N0} per call");
            var fillBatches = SampleRecords.Batches(pool, fill, options.FillBatch);
            var filled = Report(await HashedAppend.BatchesAsync("hashed   (AuditChainWriter)", writer!, fillBatches));
            summary.Add($"Append hashed, {options.FillBatch:N0}/call (fill)", Summary.Rate(filled.EventsPerSecond), $">= {Summary.Rate(AppendTarget)}",
                filled.EventsPerSecond >= AppendTarget, CpuNote(filled.EventsPerCpuSecond));
        }
        Console.WriteLine($"{Path.GetFileName(hashedDb!.FilePath)} on disk: {Summary.Megabytes(hashedDb.SizeOnDisk)} (with WAL)");

        Section($"Verify the chain with AuditVerifier ({(options.VerifyInProcess ? "in this process" : "fresh child process")})");
        Console.WriteLine($"load average: {LoadAverage()}");
        var verify = options.VerifyInProcess
            ? await VerifyScenario.MeasureAsync(hashedDb.FilePath)
            : await VerifyScenario.MeasureInChildAsync(hashedDb.FilePath);
        Console.WriteLine($"intact: {verify.Intact}, events checked: {verify.EventsChecked:N0}{(verify.Problem is null ? "" : ", problem: " + verify.Problem)}");
        Console.WriteLine($"time: {verify.Seconds:N3} s wall, {verify.CpuSeconds:N3} s CPU  ->  {Summary.Rate(verify.EventsPerSecond)} " +
            $"({verify.EventsPerCpuSecond:N0} per CPU-second)");
        Console.WriteLine($"working set: before {Summary.Megabytes(verify.WorkingSetBefore)} (peak so far {Summary.Megabytes(verify.PeakWorkingSetBefore)}), " +
            $"peak {Summary.Megabytes(verify.PeakWorkingSet)}, after {Summary.Megabytes(verify.WorkingSetAfter)}");
        Console.WriteLine($"GC: total memory {Summary.Megabytes(verify.GcTotalMemoryAfter)}, heap {Summary.Megabytes(verify.GcHeapSizeAfter)}, " +
            $"committed {Summary.Megabytes(verify.GcCommittedAfter)}; allocated {Summary.Megabytes(verify.AllocatedBytes)} " +
            $"({(double)verify.AllocatedBytes / Math.Max(1, verify.EventsChecked):N0} B/event); collections gen0 {verify.Gen0Collections}, " +
            $"gen1 {verify.Gen1Collections}, gen2 {verify.Gen2Collections}");

        var verifyIntact = verify.Intact && verify.EventsChecked >= options.Events;
        summary.Add($"Verify {verify.EventsChecked:N0} events", Summary.Rate(verify.EventsPerSecond), $">= {Summary.Rate(VerifyTarget)}",
            verify.EventsPerSecond >= VerifyTarget, CpuNote(verify.EventsPerCpuSecond));
        summary.Add("Verify peak working set", Summary.Megabytes(verify.PeakWorkingSet), $"< {Summary.Megabytes(PeakWorkingSetTarget)}",
            verify.PeakWorkingSet < PeakWorkingSetTarget,
            $"{Summary.Megabytes(verify.WorkingSetBefore)} before verifying{(options.VerifyInProcess ? "; in-process, includes the appends" : "")}");
        summary.Add("Chain intact after the run", verify.Intact ? "yes" : "NO", $"intact, >= {options.Events:N0} events", verifyIntact);

        summary.Print();
        Console.WriteLine($"load average at the end: {LoadAverage()}  (wall-clock rates drop when other processes share the {Environment.ProcessorCount} cores; " +
            "'per CPU-s' is this process's own cost)");
    }

    private static Throughput Median(List<Throughput> runs) => runs.OrderBy(t => t.EventsPerSecond).ElementAt(runs.Count / 2);

    private static string CpuNote(double eventsPerCpuSecond) => $"per CPU-s: {eventsPerCpuSecond:N0}";

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static Throughput Report(Throughput t)
    {
        Console.WriteLine($"{t.Name}: {t.Events,10:N0} events in {t.Elapsed.TotalSeconds,7:N3} s  ->  {Summary.Rate(t.EventsPerSecond),14}" +
            $"   ({t.Cpu.TotalSeconds:N3} s CPU, {t.EventsPerCpuSecond:N0} per CPU-second)");
        return t;
    }

    private static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}");
    }

    private static void PrintEnvironment(BenchOptions options)
    {
#if DEBUG
        Console.WriteLine("WARNING: Debug build. Run with -c Release for meaningful figures.");
#endif
        Console.WriteLine("PrivacyPortal.Bench: audit trail on SQLite");
        Console.WriteLine($"Runtime        .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
            $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine($"Options        events {options.Events:N0}, append {options.Append:N0}, batch {options.Batch:N0}, " +
            $"single {options.Single:N0}, fill-batch {options.FillBatch:N0}, rounds {options.Rounds}");
        Console.WriteLine($"Load average   {LoadAverage()}");
    }
}
