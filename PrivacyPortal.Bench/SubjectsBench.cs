// Subjects bench: exact lookup by phone in a large subject directory on SQLite.
//
//     dotnet run -c Release --project PrivacyPortal.Bench -- subjects [--subjects 1000000] [--lookups 10000] [--keep] [--reuse FOLDER]
//
// --keep leaves the database behind (its folder is printed); --reuse FOLDER measures the lookups again on a database
// an earlier --keep run built with the same --subjects, without building it anew (on a busy machine, run again).
//
// 1. Build: a fresh SQLite portal database migrated with the portal's migrations; --subjects people, each with a
//    phone and an e-mail prepared by the real SubjectDirectory.Prepare (normalised, envelope-encrypted, keyed
//    hash, masked) and written by a bulk insert (one prepared command per table, a transaction per 50,000 people).
// 2. Lookups, each a random existing phone, one at a time as a hotline agent searches:
//    - SubjectDirectory.MatchAsync (normalised value -> subject id; the portal's own matching, not audited);
//    - SubjectDirectory.FindAsync (raw input "+86 139 ...": guess, normalise, hash, look up, load the card, and
//      append a "subject.looked-up" event to the hash-chained audit trail).
//    - a baseline: the keyed hash and the indexed SELECT on one open connection (no EF, no connection per call).
//    Every answer is checked against the expected subject. Prints p50/p95/p99/max in ms.
// Target: p95 < 5 ms for a lookup among 1,000,000 subjects. Prints figures; never fails on a miss.

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Bench;

internal static class SubjectsBench
{
    private const double P95TargetMs = 5;
    private const int TransactionSize = 50_000;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var count = BenchArgs.Number(args, "--subjects", 1_000_000);
        var lookups = BenchArgs.Number(args, "--lookups", 10_000);
        var reuse = BenchArgs.Text(args, "--reuse");
        var keep = args.Contains("--keep") || reuse is not null;
        var folder = reuse ?? Directory.CreateTempSubdirectory("pp-bench-subjects-").FullName;
#if DEBUG
        Console.WriteLine("WARNING: Debug build. Run with -c Release for meaningful figures.");
#endif
        Console.WriteLine($"Subjects bench · {count:N0} subjects (phone + e-mail) · {lookups:N0} lookups · SQLite in {folder}");
        try
        {
            var path = Path.Combine(folder, "portal.db");
            var database = reuse is null ? await BenchDatabase.CreateAsync(path) : BenchDatabase.Open(path);
            await using var services = Services(database);

            var build = Stopwatch.StartNew();
            if (reuse is null)
            {
                var (prepareSeconds, insertSeconds) = await BuildAsync(services, database, count);
                Console.WriteLine($"built in {build.Elapsed.TotalSeconds:N1} s (prepare {prepareSeconds:N1} s, insert {insertSeconds:N1} s); " +
                    $"{Path.GetFileName(database.FilePath)} {database.SizeOnDisk / 1024.0 / 1024.0:N0} MB with WAL");
            }
            else
            {
                await using var db = database.CreateDbContext();
                var existing = await db.Set<SubjectIdentifier>().LongCountAsync();
                if (existing != count * 2L)
                {
                    throw new InvalidOperationException($"{path} holds {existing:N0} identifiers, not {count * 2L:N0}: build it with --subjects {existing / 2} --keep.");
                }
                Console.WriteLine($"reusing {path} ({database.SizeOnDisk / 1024.0 / 1024.0:N0} MB)");
            }
            build.Stop();

            using var scope = services.CreateScope();
            var directory = scope.ServiceProvider.GetRequiredService<SubjectDirectory>();
            var random = new Random(7);

            // Warm-up (JIT, EF query compilation, page cache of the index), not measured.
            var hasher = services.GetRequiredService<SubjectLookupHasher>();
            await using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
            await raw.OpenAsync();
            // A portal serves lookups for days: measure steady state, after tiered JIT has compiled the hot paths
            // (it promotes a method after 30 calls and compiles in the background, slowly on a busy machine).
            for (var round = 0; round < 3; round++)
            {
                await MatchAsync(directory, random, count, 1_000);
                await FindAsync(directory, random, count, 500);
                Baseline(raw, hasher, random, count, 1_000);
                await Task.Delay(500);
            }

            var match = await MatchAsync(directory, random, count, lookups);
            var find = await FindAsync(directory, random, count, lookups);
            var baseline = Baseline(raw, hasher, random, count, lookups);

            Console.WriteLine();
            Console.WriteLine($"{"figure",-62} {"value",12} {"target",10}  result");
            Row("subjects / identifiers", $"{count:N0} / {count * 2L:N0}", "", null);
            Row(reuse is null ? "build: seconds (prepare + bulk insert)" : "build: reused an earlier database", $"{build.Elapsed.TotalSeconds:N1} s", "", null);
            Report("MatchAsync (no audit)", match);
            Report("FindAsync (card + audit event)", find);
            Report("baseline: hash + one SELECT on an open connection", baseline, target: false);
            Row("load average (other processes share the cores)", LoadAverage(), "", null);
            return match.Misses + find.Misses + baseline.Misses == 0 ? 0 : 1;
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

    /// <summary>Mainland 139 numbers, all different: 48,271 is prime to 10^8, so i -> i * 48,271 mod 10^8 never repeats.</summary>
    private static string Phone(int i) => "139" + ((i * 48_271L + 1_234_567) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    private static string Email(int i) => $"subject{i:D7}@example.com";

    private static ServiceProvider Services(BenchDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Fixed, so that --reuse finds the hashes an earlier run wrote. A bench key, not a secret.
            ["Subjects:LookupKey"] = Convert.ToBase64String(SHA256.HashData("PrivacyPortal.Bench subjects lookup key"u8)),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        var environment = new BenchEnvironment();
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
        services.AddPortalModules(configuration, environment);
        return services.BuildServiceProvider();
    }

    /// <summary>Values prepared by the directory itself; rows written as EF writes them (its column types and text formats).</summary>
    private static async Task<(double Prepare, double Insert)> BuildAsync(ServiceProvider services, BenchDatabase database, int count)
    {
        using var scope = services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<SubjectDirectory>();
        var now = DateTime.UtcNow;
        var prepare = new Stopwatch();
        var insert = new Stopwatch();

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;";
            pragmas.ExecuteNonQuery();
        }
        using var subject = connection.CreateCommand();
        subject.CommandText = "INSERT INTO DataSubjects (Id, CreatedAtUtc) VALUES ($id, $at)";
        var subjectId = subject.Parameters.Add("$id", SqliteType.Integer);
        var subjectAt = subject.Parameters.Add("$at", SqliteType.Text);
        using var identifier = connection.CreateCommand();
        identifier.CommandText = "INSERT INTO SubjectIdentifiers (SubjectId, Kind, ValueProtected, LookupHash, Masked, IsVerified, AddedAtUtc) " +
            "VALUES ($subject, $kind, $value, $hash, $masked, $verified, $at)";
        var p = new[] { "$subject", "$kind", "$value", "$hash", "$masked", "$verified", "$at" }.Select(n => identifier.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();

        var errors = new FieldErrors();
        SqliteTransaction? transaction = null;
        for (var i = 0; i < count; i++)
        {
            if (i % TransactionSize == 0)
            {
                insert.Start();
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                    await transaction.DisposeAsync();
                }
                transaction = connection.BeginTransaction();
                subject.Transaction = transaction;
                identifier.Transaction = transaction;
                if (i == 0)
                {
                    subject.Prepare();
                    identifier.Prepare();
                }
                insert.Stop();
                if (i > 0 && i % 200_000 == 0)
                {
                    Console.WriteLine($"  {i:N0} subjects written");
                }
            }

            prepare.Start();
            var prepared = directory.Prepare([new IdentifierInput(IdentifierKind.Phone, Phone(i)), new IdentifierInput(IdentifierKind.Email, Email(i))], errors);
            prepare.Stop();

            insert.Start();
            subjectId.Value = i + 1L;
            subjectAt.Value = now;
            subject.ExecuteNonQuery();
            foreach (var (_, row) in prepared)
            {
                p[0].Value = i + 1L;
                p[1].Value = row.Kind.ToString();
                p[2].Value = row.ValueProtected;
                p[3].Value = row.LookupHash;
                p[4].Value = row.Masked;
                p[5].Value = row.IsVerified;
                p[6].Value = row.AddedAtUtc;
                identifier.ExecuteNonQuery();
            }
            insert.Stop();
        }
        insert.Start();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
        }
        using (var analyze = connection.CreateCommand())
        {
            // What a long-running portal's database has: statistics, and the WAL folded into the main file.
            analyze.CommandText = "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);";
            analyze.ExecuteNonQuery();
        }
        insert.Stop();
        if (!errors.IsValid)
        {
            throw new InvalidOperationException("Generated identifiers failed validation.");
        }

        // The rows must read back through the portal's own model and decrypt to what was written.
        var keys = await directory.KeysAsync(count);
        if (keys.Keys.Count != 2 || keys.Keys[0].Value != Phone(count - 1))
        {
            throw new InvalidOperationException("The bulk-inserted identifiers do not read back through the directory.");
        }
        await using var db = database.CreateDbContext();
        var identifiers = await db.Set<SubjectIdentifier>().LongCountAsync();
        if (identifiers != count * 2L)
        {
            throw new InvalidOperationException($"Expected {count * 2L:N0} identifiers, found {identifiers:N0}.");
        }
        return (prepare.Elapsed.TotalSeconds, insert.Elapsed.TotalSeconds);
    }

    private sealed record Latencies(double[] Milliseconds, int Misses, double Seconds, double CpuSeconds);

    private static async Task<Latencies> MatchAsync(SubjectDirectory directory, Random random, int count, int lookups)
    {
        var times = new double[lookups];
        var misses = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var total = Stopwatch.StartNew();
        for (var n = 0; n < lookups; n++)
        {
            var i = random.Next(count);
            var phone = Phone(i);
            var start = Stopwatch.GetTimestamp();
            var id = await directory.MatchAsync(IdentifierKind.Phone, phone);
            times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            misses += id == i + 1L ? 0 : 1;
        }
        return new Latencies(times, misses, total.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    private static async Task<Latencies> FindAsync(SubjectDirectory directory, Random random, int count, int lookups)
    {
        var times = new double[lookups];
        var misses = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var total = Stopwatch.StartNew();
        for (var n = 0; n < lookups; n++)
        {
            var i = random.Next(count);
            var phone = Phone(i);
            // As an agent types it from a caller: country code and spaces.
            var typed = $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}";
            var start = Stopwatch.GetTimestamp();
            var (_, card) = await directory.FindAsync(typed);
            times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            misses += card?.Id == i + 1L && card.Identifiers.Count == 2 ? 0 : 1;
        }
        return new Latencies(times, misses, total.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    /// <summary>The floor under the directory: the keyed hash and the indexed SELECT alone, no EF, no connection per call.</summary>
    private static Latencies Baseline(SqliteConnection connection, SubjectLookupHasher hasher, Random random, int count, int lookups)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT SubjectId FROM SubjectIdentifiers WHERE LookupHash = $hash";
        var hash = command.Parameters.Add("$hash", SqliteType.Text);
        command.Prepare();
        var times = new double[lookups];
        var misses = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var total = Stopwatch.StartNew();
        for (var n = 0; n < lookups; n++)
        {
            var i = random.Next(count);
            var phone = Phone(i);
            var start = Stopwatch.GetTimestamp();
            hash.Value = hasher.Hash(IdentifierKind.Phone, phone);
            var id = command.ExecuteScalar();
            times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            misses += id is long found && found == i + 1L ? 0 : 1;
        }
        return new Latencies(times, misses, total.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    private static void Report(string name, Latencies latencies, bool target = true)
    {
        var sorted = latencies.Milliseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var p95 = At(0.95);
        Row($"{name}: lookups, wrong answers", $"{sorted.Length:N0}, {latencies.Misses}", "0 wrong", latencies.Misses == 0);
        Row($"{name}: p50 ms", $"{At(0.50):N3}", "", null);
        Row($"{name}: p95 ms", $"{p95:N3}", target ? $"< {P95TargetMs} ms" : "", target ? p95 < P95TargetMs : null);
        Row($"{name}: p99 ms", $"{At(0.99):N3}", "", null);
        Row($"{name}: max ms", $"{sorted[^1]:N3}", "", null);
        Row($"{name}: lookups/s", $"{sorted.Length / latencies.Seconds:N0}", "", null);
        // The process's own CPU per lookup does not grow when other processes crowd the cores; the wall-clock tail does.
        Row($"{name}: CPU ms per lookup", $"{latencies.CpuSeconds * 1000 / sorted.Length:N3}", "", null);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Row(string name, string value, string target, bool? pass) =>
        Console.WriteLine($"{name,-62} {value,12} {target,10}  {(pass is null ? "" : pass.Value ? "PASS" : "MISS")}");
}
