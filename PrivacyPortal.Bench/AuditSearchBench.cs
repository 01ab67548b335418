// Audit search bench: the auditor workspace's filtered, sorted page and the streamed CSV export on a long SQLite trail.
//
//     dotnet run -c Release --project PrivacyPortal.Bench -- audit-search [--events 5000000] [--queries 200] [--export 1000000] [--keep] [--reuse FOLDER]
//
// 1. Build: a fresh SQLite portal database migrated with the portal's migrations; --events hash-chained events written
//    through the portal's own INSERT (AuditInsert: EF's column formats) in transactions of 100,000, with the trail's
//    indexes dropped during the load and created again after it (as a bulk import would). 400 staff, 40 actions,
//    200,000 subjects on a third of the events, 2,000 client IPs, one event every ~6 s over the last year.
//    --keep leaves it behind; --reuse FOLDER measures again on it without building (run the figures on a quiet machine).
// 2. Pages: the real AuditSearchService.SearchAsync (capped count + one page of 50, newest first) for the common filters:
//    a one-week time range, one actor over 30 days, one subject, one action over a week, and no filter; --queries random
//    filters each after a warm-up. Prints p50/p95/max in ms.
// 3. Export: the real AuditExportService writes --export events (the newest, by a time range) as CSV into a stream that
//    only counts bytes; prints rows/s, and the process's peak working set and managed heap after it.
// Targets (issue 8): page p95 < 100 ms on 5,000,000 events; CSV >= 100,000 rows/s with peak memory < 200 MB.
// Prints figures; never fails on a miss.

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;

namespace PrivacyPortal.Bench;

internal static class AuditSearchBench
{
    private const double P95TargetMs = 100;
    private const double ExportRateTarget = 100_000;
    private const long PeakTarget = 200L * 1024 * 1024;
    private const int Actors = 400;
    private const int Subjects = 200_000;
    private const int PageSize = 50;

    private static readonly string[] Actions = Enumerable.Range(0, 40).Select(i => i switch
    {
        0 => "subject.revealed",
        1 => "subject.viewed",
        2 => "signin.succeeded",
        3 => "request.created",
        _ => $"bench.action-{i:D2}",
    }).ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var count = BenchArgs.Number(args, "--events", 5_000_000);
        var queries = BenchArgs.Number(args, "--queries", 200);
        var exportRows = BenchArgs.Number(args, "--export", 1_000_000);
        var reuse = BenchArgs.Text(args, "--reuse");
        var keep = args.Contains("--keep") || reuse is not null;
        var folder = reuse ?? Directory.CreateTempSubdirectory("pp-bench-audit-").FullName;
#if DEBUG
        Console.WriteLine("WARNING: Debug build. Run with -c Release for meaningful figures.");
#endif
        Console.WriteLine($"Audit search bench · {count:N0} events · {queries:N0} queries per filter · CSV export of {exportRows:N0} · SQLite in {folder}");
        try
        {
            var path = Path.Combine(folder, "portal.db");
            var database = reuse is null ? await BenchDatabase.CreateAsync(path) : BenchDatabase.Open(path);
            var end = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            var step = TimeSpan.FromDays(365) / count;
            var build = Stopwatch.StartNew();
            if (reuse is null)
            {
                await BuildAsync(database, count, end - TimeSpan.FromDays(365), step);
                Console.WriteLine($"built in {build.Elapsed.TotalSeconds:N1} s; {database.SizeOnDisk / 1024.0 / 1024.0:N0} MB");
            }
            build.Stop();
            await using var services = Services(database, folder);

            var random = new Random(11);
            string Day(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            DateTime RandomInstant() => end.AddDays(-random.Next(30, 360));
            var filters = new (string Name, Func<AuditFilter> Next)[]
            {
                ("time range (7 days)", () => { var from = RandomInstant(); return new AuditFilter(From: Day(from), To: Day(from.AddDays(7))); }),
                ("actor + 30 days", () => { var from = RandomInstant(); return new AuditFilter(From: Day(from), To: Day(from.AddDays(30)), Actor: $"staff-{random.Next(Actors):D3}"); }),
                ("subject", () => new AuditFilter(SubjectId: random.Next(1, Subjects + 1).ToString(CultureInfo.InvariantCulture))),
                ("action + 7 days", () => { var from = RandomInstant(); return new AuditFilter(From: Day(from), To: Day(from.AddDays(7)), Action: Actions[random.Next(Actions.Length)]); }),
                ("no filter (newest)", () => new AuditFilter()),
            };

            var results = new List<(string, double[])>();
            foreach (var (name, next) in filters)
            {
                for (var i = 0; i < 20; i++)
                {
                    await PageAsync(services, next());
                }
                var times = new double[queries];
                for (var i = 0; i < queries; i++)
                {
                    times[i] = await PageAsync(services, next());
                }
                Array.Sort(times);
                results.Add((name, times));
            }

            // The export: the newest exportRows events, found by a time range.
            var exportFrom = end - step * exportRows;
            GC.Collect();
            var sink = new CountingStream();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var exportClock = Stopwatch.StartNew();
            AuditExportResult? exported;
            using (var scope = services.CreateScope())
            {
                (_, exported) = await scope.ServiceProvider.GetRequiredService<AuditExportService>()
                    .ExportAsync(new AuditFilter(From: Day(exportFrom.AddMinutes(1))), AuditSort.Newest, AuditExportFormat.Csv, sink);
            }
            exportClock.Stop();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var rate = exported!.Rows / exportClock.Elapsed.TotalSeconds;
            // On a shared machine the wall-clock rate says more about the neighbours than the export; per CPU second it does not.
            var cpuRate = exported.Rows / (process.TotalProcessorTime - cpuBefore).TotalSeconds;

            Console.WriteLine();
            Console.WriteLine($"{"figure",-62} {"value",12} {"target",10}  result");
            Row("events", $"{count:N0}", "", null);
            Row(reuse is null ? "build: seconds" : "build: reused an earlier database", $"{build.Elapsed.TotalSeconds:N1} s", "", null);
            foreach (var (name, times) in results)
            {
                var p95 = Percentile(times, 0.95);
                Row($"page of {PageSize}: {name} p50 / p95 / max ms", $"{Percentile(times, 0.5):N1} / {p95:N1} / {times[^1]:N0}", $"< {P95TargetMs:N0}", p95 < P95TargetMs);
            }
            Row("CSV export: rows", $"{exported.Rows:N0}", "", null);
            Row("CSV export: rows/s", $"{rate:N0}", $">= {ExportRateTarget:N0}", rate >= ExportRateTarget);
            Row("CSV export: rows per CPU second (what one idle core does)", $"{cpuRate:N0}", $">= {ExportRateTarget:N0}", cpuRate >= ExportRateTarget);
            Row("CSV export: MB written", $"{sink.Length / 1024.0 / 1024.0:N0}", "", null);
            Row("peak working set of this process, MB", $"{process.PeakWorkingSet64 / 1024.0 / 1024.0:N0}", "< 200", process.PeakWorkingSet64 < PeakTarget);
            Row("managed heap after export, MB", $"{GC.GetTotalMemory(false) / 1024.0 / 1024.0:N1}", "", null);
            Row("load average (other processes share the cores)", File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a", "", null);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep)
            {
                Console.WriteLine($"(kept {folder})");
            }
            else
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<double> PageAsync(ServiceProvider services, AuditFilter filter)
    {
        using var scope = services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<AuditSearchService>();
        var clock = Stopwatch.StartNew();
        var result = await search.SearchAsync(filter, 0, PageSize);
        clock.Stop();
        if (!result.Errors.IsValid)
        {
            throw new InvalidOperationException("bench filter invalid: " + string.Join(", ", result.Errors.Values));
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Row(string name, string value, string target, bool? pass) =>
        Console.WriteLine($"{name,-62} {value,12} {target,10}  {(pass is null ? "" : pass.Value ? "PASS" : "MISS")}");

    /// <summary>Writes the chain with the portal's own INSERT; the trail's indexes are dropped for the load and rebuilt after.</summary>
    private static async Task BuildAsync(BenchDatabase database, int count, DateTime start, TimeSpan step)
    {
        await using var db = database.CreateDbContext();
        var insert = AuditInsert.For(db);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var indexes = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA cache_size=-262144; SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuditEvents' AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }
        foreach (var sql in indexes)
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP INDEX " + sql.Split(' ')[2];
            await drop.ExecuteNonQueryAsync();
        }

        var random = new Random(5);
        var previous = AuditHash.Genesis;
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < count;)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            using var command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = insert.Sql;
            var end = Math.Min(count, done + 100_000);
            for (; done < end; done++)
            {
                var action = Actions[random.Next(4) == 0 ? random.Next(4) : random.Next(Actions.Length)];
                var subject = random.Next(3) == 0 ? random.Next(1, Subjects + 1).ToString(CultureInfo.InvariantCulture) : null;
                var e = new AuditEvent
                {
                    Sequence = done + 1,
                    OccurredAtUtc = new DateTime((start + step * done).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc),
                    ActorId = $"staff-{random.Next(Actors):D3}",
                    Action = action,
                    TargetType = subject is null ? "staff" : "subject",
                    TargetId = subject ?? random.Next(10_000).ToString(CultureInfo.InvariantCulture),
                    SubjectId = subject,
                    ClientIp = $"10.{random.Next(8)}.{random.Next(250)}.{random.Next(1, 250) % 40}",
                    Outcome = random.Next(50) == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
                    Detail = subject is null ? null : $$"""{"identifierId":{{done}},"kind":"Phone","reason":"核实来电"}""",
                    PreviousHash = previous,
                };
                e.Hash = AuditHash.Compute(e);
                previous = e.Hash;
                insert.Bind(command, e);
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
            Console.Write($"\r  {done:N0} events ({done / clock.Elapsed.TotalSeconds:N0}/s)   ");
        }
        Console.WriteLine();
        foreach (var sql in indexes)
        {
            var index = Stopwatch.StartNew();
            using var create = connection.CreateCommand();
            create.CommandText = sql;
            create.CommandTimeout = 0;
            await create.ExecuteNonQueryAsync();
            Console.WriteLine($"  {sql.Split(' ')[2]} in {index.Elapsed.TotalSeconds:N1} s");
        }
        using (var analyze = connection.CreateCommand())
        {
            // What a long-running portal's database has after SQLite's automatic PRAGMA optimize.
            analyze.CommandText = "ANALYZE";
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }
    }

    private static ServiceProvider Services(BenchDatabase database, string folder)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        var environment = new BenchEnvironment { ContentRootPath = folder };
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
        services.AddOptions<PortalOptions>();
        services.AddSingleton<PortalTime>();
        services.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
        services.AddPortalModules(configuration, environment);
        return services.BuildServiceProvider();
    }

    /// <summary>Where the export goes: counts the bytes and keeps none, as a network socket would.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
