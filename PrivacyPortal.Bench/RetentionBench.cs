// Retention bench: purging expired rows from the demo usage-log store, and closing backup-deletion follow-ups.
//
//     dotnet run -c Release --project PrivacyPortal.Bench -- retention [--purge 1000000] [--extra 200000] [--follow-ups 100000]
//
// 1. The demo usage-log store (DemoSystems) with --purge + --extra login events; the cutoff is the instant with
//    exactly --purge rows before it. One demo person is under a legal hold. The rule is run by the real PurgeRunner
//    (claim, count, batches of Retention:BatchSize = 4,000 through DatabaseConnector.PurgeBatchAsync, each its own
//    transaction, a pause of Retention:PauseShare (0.25) of each batch's time, at least Retention:PauseMilliseconds (10),
//    exact recount at the end), in a child process whose memory is sampled, against a raw
//    `DELETE FROM login_events WHERE accessed_at < @cutoff` on an identical copy of the file, in the same run.
//    Targets: batches <= 5,000; purge rate >= 50 % of the raw DELETE's; peak working set < 200 MB; held rows untouched.
// 2. --follow-ups open follow-ups on expired backup sets; one BackupService.SweepFollowUpsAsync closes them.
//    Target: under 10 s.
// Prints figures; never fails on a miss.

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Cases.Backups;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Demo;

namespace PrivacyPortal.Bench;

internal static class RetentionBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var purge = Option(args, "--purge", 1_000_000);
        var extra = Option(args, "--extra", 200_000);
        var followUps = Option(args, "--follow-ups", 100_000);
        var options = new RetentionOptions();
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pp-bench-retention", Guid.NewGuid().ToString("N"))).FullName;
        Console.WriteLine($"Retention bench · purge {purge:N0} of {purge + extra:N0} login events · follow-ups {followUps:N0} · pause {options.PauseShare:P0} of each batch, at least {options.PauseMilliseconds} ms · in {folder}");
        try
        {
            var watch = Stopwatch.StartNew();
            // Written by a child process; the purge runs in another, so its working set is the purge's own.
            var storeOptions = new DemoSystemsOptions { People = 2_000, LoginEvents = purge + extra, PageViews = 1_000, Deliveries = 100 };
            await ChildAsync("retention-stores", Path.Combine(folder, "stores"), (purge + extra).ToString(CultureInfo.InvariantCulture));
            var stores = new { UsagePath = Path.Combine(folder, "stores", DemoSystems.UsageFile), People = DemoSystems.People(storeOptions) };
            Console.WriteLine($"  demo stores written in {watch.Elapsed.TotalSeconds:N1} s");
            var usage = stores.UsagePath;
            var cutoff = CutoffWith(usage, purge);
            var raw = Path.Combine(folder, "raw.db");
            File.Copy(usage, raw);

            // The clock stands 200 days after the cutoff; the rule keeps 200 days (above the 6-month legal floor).
            var now = cutoff.AddDays(200);
            await using var rig = Rig.Create(folder, await BenchDatabase.CreateAsync(Path.Combine(folder, "portal.db")), new FixedTime(now));
            var held = stores.People.Where(p => p.InUsage && p.AccountId is not null).First();
            var (systemId, ruleId) = await rig.SetUpAsync(usage, held);
            var heldBefore = Count(usage, $"SELECT COUNT(*) FROM login_events WHERE account_id = '{held.AccountId}' OR phone = '{held.Phone}'");
            var heldExpired = Count(usage, $"SELECT COUNT(*) FROM login_events WHERE (account_id = '{held.AccountId}' OR phone = '{held.Phone}') AND accessed_at < '{DemoSystems.Timestamp(cutoff)}'");

            var figures = (await ChildAsync("retention-purge", folder, ruleId.ToString(CultureInfo.InvariantCulture), now.Ticks.ToString(CultureInfo.InvariantCulture))).Split(' ').Select(long.Parse).ToArray();
            var run = await rig.RunAsync(figures[0]);
            var (ws, heap, elapsed, wsBefore) = (figures[1], figures[2], TimeSpan.FromMilliseconds(figures[3]), figures[4]);
            var rawMs = RawDelete(raw, cutoff, out var rawDeleted);
            var heldAfter = Count(usage, $"SELECT COUNT(*) FROM login_events WHERE account_id = '{held.AccountId}' OR phone = '{held.Phone}'");
            var rate = run.RowsDeleted / elapsed.TotalSeconds;
            var rawRate = rawDeleted / (rawMs / 1000.0);
            // Each pause is a share of its batch's time (or the minimum): the work is what is left.
            var pauses = Math.Max(elapsed.TotalSeconds * options.PauseShare / (1 + options.PauseShare), Math.Max(0, run.Batches - 1) * options.PauseMilliseconds / 1000.0);
            Console.WriteLine($"Purge: {run.RowsDeleted:N0} rows in {run.Batches:N0} batches of <= {options.BatchSize:N0} in {elapsed.TotalSeconds:N1} s ({rate:N0} rows/s; about {pauses:N1} s of it pauses)   status {run.Status}");
            Console.WriteLine($"Raw DELETE on an identical copy: {rawDeleted:N0} rows in {rawMs / 1000.0:N1} s ({rawRate:N0} rows/s)");
            Console.WriteLine($"  purge rate / raw rate = {rate / rawRate:P0}   target >= 50 %   {(rate >= rawRate / 2 ? "PASS" : "MISS")}");
            Console.WriteLine($"  without the pauses: {run.RowsDeleted / Math.Max(0.001, elapsed.TotalSeconds - pauses):N0} rows/s = {run.RowsDeleted / Math.Max(0.001, elapsed.TotalSeconds - pauses) / rawRate:P0} of raw");
            Console.WriteLine($"  purging process: peak working set {ws / 1048576.0:N1} MB (running, before the purge: {wsBefore / 1048576.0:N1} MB) · peak managed heap {heap / 1048576.0:N1} MB   target < 200 MB   {(ws < 200L * 1048576 ? "PASS" : "MISS")}");
            Console.WriteLine($"  held subject: {heldExpired:N0} expired rows kept (run counted {run.HeldRows:N0}); rows before {heldBefore:N0}, after {heldAfter:N0}   {(heldAfter == heldBefore && run.HeldRows == heldExpired ? "PASS" : "MISS")}");
            Console.WriteLine($"  rows left older than the cutoff: {Count(usage, $"SELECT COUNT(*) FROM login_events WHERE accessed_at < '{DemoSystems.Timestamp(cutoff)}'"):N0} (the held ones)");

            var (closed, sweep) = await rig.FollowUpsAsync(systemId, followUps);
            Console.WriteLine($"Close {followUps:N0} follow-ups in one sweep: {closed:N0} closed in {sweep.TotalSeconds:N2} s   target < 10 s   {(sweep.TotalSeconds < 10 && closed == followUps ? "PASS" : "MISS")}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    /// <summary>
    /// The child process that purges: opens the bench's portal database, runs the rule through the real
    /// <see cref="PurgeRunner"/> while sampling its own memory, and prints "runId peakWorkingSet peakHeap elapsedMs workingSetBefore".
    /// </summary>
    public static async Task<int> PurgeInChildAsync(string[] args)
    {
        var folder = args[0];
        var ruleId = long.Parse(args[1], CultureInfo.InvariantCulture);
        var time = new FixedTime(new DateTime(long.Parse(args[2], CultureInfo.InvariantCulture), DateTimeKind.Utc));
        await using var rig = Rig.Create(folder, BenchDatabase.Open(Path.Combine(folder, "portal.db")), time);
        // A portal process has its EF model built and its queries compiled long before the night's purge: warm up
        // with the rules page's own reads, so the figure "before" is a running portal's and the peak is the purge's.
        await rig.WarmUpAsync();
        var before = System.Environment.WorkingSet;
        var (run, ws, heap, elapsed) = await Sampled(rig.PurgeAsync, ruleId);
        Console.WriteLine(FormattableString.Invariant($"{run.Id} {ws} {heap} {(long)elapsed.TotalMilliseconds} {before}"));
        return 0;
    }

    /// <summary>Runs this bench's executable with <paramref name="args"/>; returns what it printed.</summary>
    private static async Task<string> ChildAsync(params string[] args)
    {
        var start = new ProcessStartInfo { FileName = System.Environment.ProcessPath!, UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(RetentionBench).Assembly.Location);
        }
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"{args[0]} failed.");
    }

    /// <summary>The child process: writes the demo stores and exits.</summary>
    public static int WriteStores(string[] args)
    {
        DemoSystems.Generate(args[0], new DemoSystemsOptions { People = 2_000, LoginEvents = int.Parse(args[1], CultureInfo.InvariantCulture), PageViews = 1_000, Deliveries = 100 });
        return 0;
    }

    private static DateTime CutoffWith(string path, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT accessed_at FROM login_events ORDER BY accessed_at LIMIT 1 OFFSET {rows}";
        return DateTime.SpecifyKind(DateTime.ParseExact((string)command.ExecuteScalar()!, DemoSystems.TimestampFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc);
    }

    private static long Count(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static double RawDelete(string path, DateTime cutoff, out int deleted)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM login_events WHERE accessed_at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", DemoSystems.Timestamp(cutoff));
        var watch = Stopwatch.StartNew();
        deleted = command.ExecuteNonQuery();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<(PurgeRun Run, long WorkingSet, long Heap, TimeSpan Elapsed)> Sampled(Func<long, Task<PurgeRun>> run, long ruleId)
    {
        using var process = Process.GetCurrentProcess();
        long heap = 0, ws = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                heap = Math.Max(heap, GC.GetTotalMemory(false));
                process.Refresh();
                ws = Math.Max(ws, process.WorkingSet64);
                await Task.Delay(10);
            }
        });
        var watch = Stopwatch.StartNew();
        var result = await run(ruleId);
        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await sampler;
        return (result, ws, heap, elapsed);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }

    private sealed class Rig(ServiceProvider services, BenchDatabase database) : IAsyncDisposable
    {
        public static Rig Create(string folder, BenchDatabase database, TimeProvider time)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Subjects:LookupKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()),
                ["Exports:Folder"] = Path.Combine(folder, "exports"),
                ["Connectors:Database:FileFolders:0"] = folder,
            }).Build();
            var collection = new ServiceCollection();
            collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            collection.AddSingleton<IConfiguration>(configuration);
            var environment = new BenchEnvironment { ContentRootPath = folder };
            collection.AddSingleton<IHostEnvironment>(environment);
            collection.AddSingleton(time);
            collection.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
            // Keys on disk: the purging child process reads the connection string this process protected.
            collection.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(folder, "keys"))).SetApplicationName("retention-bench");
            collection.AddOptions<PortalOptions>();
            collection.AddSingleton<PortalTime>();
            collection.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
            collection.AddSingleton<Jobs.JobClaims>();
            collection.AddPortalModules(configuration, environment);
            return new Rig(collection.BuildServiceProvider(), database);
        }

        /// <summary>Registers the usage store, holds one person, saves and activates a 200-day rule on login_events.</summary>
        public async Task<(int SystemId, long RuleId)> SetUpAsync(string usagePath, DemoPerson held)
        {
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            int systemId;
            string ownerId;
            await using (var db = database.CreateDbContext())
            {
                var categories = await db.Set<DataCategory>().Where(c => c.Key != DataCategories.Delivery).ToListAsync();
                var system = new DataSystem
                {
                    Name = "用户行为日志库", OwnerTeam = "bench", OwnerEmail = "owner@example.com", Purpose = "bench", ConnectorKind = ConnectorKind.Database,
                    DatabaseProvider = DatabaseProviders.Sqlite, SecretProtected = sp.GetRequiredService<ConnectorSecrets>().Protect(DemoSystems.ConnectionString(usagePath)),
                    MappingJson = DemoSystems.UsageMapping().ToJson(), Categories = categories,
                };
                var owner = new StaffUser { UserName = "officer@example.com", Email = "officer@example.com", DisplayName = "bench", IsActive = true };
                db.Add(system);
                db.Users.Add(owner);
                await db.SaveChangesAsync();
                (systemId, ownerId) = (system.Id, owner.Id);
            }
            var (_, subjectId) = await sp.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, held.Phone), new(IdentifierKind.AccountId, held.AccountId!)]);
            var time = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var (holdErrors, _) = await sp.GetRequiredService<LegalHoldService>().PlaceAsync(new LegalHoldInput(LegalHoldScope.Subjects, LegalHoldReason.CourtOrder, "bench hold", null, null,
                [subjectId!.Value.ToString(CultureInfo.InvariantCulture)], ownerId, time.AddDays(30)));
            if (!holdErrors.IsValid)
            {
                throw new InvalidOperationException(string.Join(", ", holdErrors));
            }
            var rules = sp.GetRequiredService<RetentionService>();
            var (errors, _, ruleId) = await rules.SaveAsync(new RetentionRuleInput(null, systemId, "login_events", 200, RetentionUnit.Days, RetentionBasis.Law, "bench", 0));
            if (!errors.IsValid)
            {
                throw new InvalidOperationException(string.Join(", ", errors));
            }
            await rules.DryRunAsync(ruleId!.Value);
            await rules.ActivateAsync(ruleId.Value, (await rules.GetAsync(ruleId.Value))!.Version);
            return (systemId, ruleId.Value);
        }

        public async Task WarmUpAsync()
        {
            await using var scope = services.CreateAsyncScope();
            var rules = scope.ServiceProvider.GetRequiredService<RetentionService>();
            await rules.ListAsync();
            await rules.RunsAsync(null, 0, 10);
        }

        public async Task<PurgeRun> RunAsync(long runId)
        {
            await using var db = database.CreateDbContext();
            return await db.Set<PurgeRun>().AsNoTracking().SingleAsync(r => r.Id == runId);
        }

        public async Task<PurgeRun> PurgeAsync(long ruleId)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PurgeRunner>().RunRuleAsync(ruleId) ?? throw new InvalidOperationException("The rule was not claimed.");
        }

        /// <summary>Writes <paramref name="count"/> open follow-ups on ten expired sets, then times one sweep.</summary>
        public async Task<(int Closed, TimeSpan Elapsed)> FollowUpsAsync(int systemId, int count)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var setIds = new List<long>();
            await using (var db = database.CreateDbContext())
            {
                var sets = Enumerable.Range(0, 10).Select(i => new BackupSet
                {
                    SystemId = systemId, TakenAtUtc = now.AddDays(-40 + i), ExpiresAtUtc = now.AddDays(-10 + i - 1), Location = $"oss://bench/{i}", CreatedAtUtc = now, Version = 1,
                }).ToList();
                db.AddRange(sets);
                await db.SaveChangesAsync();
                setIds.AddRange(sets.Select(s => s.Id));
            }
            for (var start = 0; start < count; start += 10_000)
            {
                await using var db = database.CreateDbContext();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                var entries = Enumerable.Range(start / 10, Math.Min(10_000, count - start) / 10).Select(i => new ErasureLedgerEntry
                {
                    RequestId = i + 1, OperationId = i + 1, IdentifierHashes = "bench", SystemIds = systemId.ToString(CultureInfo.InvariantCulture), ErasedAtUtc = now.AddDays(-35),
                }).ToList();
                db.AddRange(entries);
                await db.SaveChangesAsync();
                db.AddRange(entries.SelectMany(e => setIds.Select(s => new BackupDeletionFollowUp { LedgerEntryId = e.Id, SystemId = systemId, BackupSetId = s, ExpectedByUtc = now.AddDays(-1) })));
                await db.SaveChangesAsync();
            }
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var sweep = await scope.ServiceProvider.GetRequiredService<BackupService>().SweepFollowUpsAsync();
            return (sweep.Closed, watch.Elapsed);
        }

        public async ValueTask DisposeAsync() => await services.DisposeAsync();
    }
}
