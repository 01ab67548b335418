// Data-plane bench: exporting and erasing one person through the database connector.
//
//     dotnet run -c Release --project PrivacyPortal.Bench -- dataplane [--export 10000] [--flat 1000000] [--erase 100000] [--others 200000]
//
// Three SQLite stores stand for the company's systems (CRM customers, usage-log logins, offline deliveries), each
// registered as a system with a database connector mapping, on a fresh portal database migrated with the portal's
// migrations. --others rows of other people sit beside the person's rows in the usage store.
// 1. Export of a person holding --export usage-log rows across the three systems, through SubjectOperationService
//    (connector → encrypted parts → encrypted zip with JSON + CSV per category). Median of 5. Target: under 1 s.
// 2. The same export for a person holding --flat rows: peak managed heap and working set, sampled every 10 ms,
//    against the 10,000-row export. Target: memory flat (streamed, not buffered).
// 3. Erasure of a person's --erase rows through the connector (batches, a transaction each), against a raw
//    `DELETE ... WHERE phone = @p` on an identical copy. Target: within 2x the raw DELETE.
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
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Bench;

internal static class DataPlaneBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var exportRows = Option(args, "--export", 10_000);
        var flatRows = Option(args, "--flat", 1_000_000);
        var eraseRows = Option(args, "--erase", 100_000);
        var others = Option(args, "--others", 200_000);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pp-bench-dataplane", Guid.NewGuid().ToString("N"))).FullName;
        Console.WriteLine($"Data-plane bench · export {exportRows:N0} · flat {flatRows:N0} · erase {eraseRows:N0} · others {others:N0} · in {folder}");
        try
        {
            // 1. Export of an ordinary heavy user.
            await using (var rig = await Rig.CreateAsync(Path.Combine(folder, "export"), exportRows, others))
            {
                await rig.ExportAsync(); // warm-up: JIT, EF model, Data Protection keys
                var times = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    var watch = Stopwatch.StartNew();
                    var rows = await rig.ExportAsync();
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (rows != exportRows + 2)
                    {
                        throw new InvalidOperationException($"Exported {rows} rows, expected {exportRows + 2}.");
                    }
                }
                times.Sort();
                Console.WriteLine($"Export {exportRows + 2:N0} rows (3 systems): median {times[2]:N0} ms, min {times[0]:N0} ms, max {times[^1]:N0} ms   target < 1,000 ms   {(times[2] < 1000 ? "PASS" : "MISS")}");
                var (heap, ws, _) = await Sampled(rig.ExportAsync);
                Console.WriteLine($"  peak managed heap {heap / 1048576.0:N1} MB · peak working set {ws / 1048576.0:N1} MB");
            }

            // 2. Memory when one person holds a million rows.
            await using (var rig = await Rig.CreateAsync(Path.Combine(folder, "flat"), flatRows, 0))
            {
                var (heap, ws, elapsed) = await Sampled(() => rig.ExportAsync());
                Console.WriteLine($"Export {flatRows + 2:N0} rows: {elapsed.TotalSeconds:N1} s ({(flatRows + 2) / elapsed.TotalSeconds:N0} rows/s), peak managed heap {heap / 1048576.0:N1} MB · peak working set {ws / 1048576.0:N1} MB   target flat (compare with the line above)");
            }

            // 3. Erasure against a raw DELETE.
            await using (var rig = await Rig.CreateAsync(Path.Combine(folder, "erase"), eraseRows, others))
            {
                File.Copy(rig.UsagePath, Path.Combine(folder, "raw.db"));
                File.Copy(rig.UsagePath, Path.Combine(folder, "connector.db"));
                var watch = Stopwatch.StartNew();
                var connectorErased = await rig.EraseWithConnectorAsync(Path.Combine(folder, "connector.db"));
                var connector = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var erased = await rig.EraseAsync();
                var portal = watch.Elapsed.TotalMilliseconds;
                await using var raw = new SqliteConnection($"Data Source={Path.Combine(folder, "raw.db")};Pooling=False");
                await raw.OpenAsync();
                await using var delete = raw.CreateCommand();
                delete.CommandText = "DELETE FROM login_events WHERE phone = $p";
                delete.Parameters.AddWithValue("$p", Rig.Phone);
                watch.Restart();
                var rawDeleted = await delete.ExecuteNonQueryAsync();
                var rawMs = watch.Elapsed.TotalMilliseconds;
                Console.WriteLine($"Erase {connectorErased:N0} rows, database connector alone: {connector:N0} ms · raw DELETE of {rawDeleted:N0} rows: {rawMs:N0} ms · ratio {connector / rawMs:N2}x   target <= 2x   {(connector <= 2 * rawMs ? "PASS" : "MISS")}");
                Console.WriteLine($"  whole erasure operation (3 systems, audit, step records): {erased:N0} usage rows in {portal:N0} ms · ratio {portal / rawMs:N2}x");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return 0;
    }

    private static async Task<(long Heap, long WorkingSet, TimeSpan Elapsed)> Sampled(Func<Task<long>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
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
        await run();
        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await sampler;
        return (heap, ws, elapsed);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class Rig : IAsyncDisposable
    {
        public const string Phone = "13900000001";

        private readonly ServiceProvider services;
        private readonly long subjectId;

        private Rig(ServiceProvider services, long subjectId, string usagePath)
        {
            this.services = services;
            this.subjectId = subjectId;
            UsagePath = usagePath;
        }

        public string UsagePath { get; }

        public static async Task<Rig> CreateAsync(string folder, int personRows, int otherRows)
        {
            Directory.CreateDirectory(folder);
            var database = await BenchDatabase.CreateAsync(Path.Combine(folder, "portal.db"));
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
            collection.AddSingleton(TimeProvider.System);
            collection.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
            collection.AddDataProtection().UseEphemeralDataProtectionProvider();
            collection.AddOptions<PortalOptions>();
            collection.AddSingleton<PortalTime>();
            collection.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
            collection.AddPortalModules(configuration, environment);
            var provider = collection.BuildServiceProvider();

            var usage = Path.Combine(folder, "usage.db");
            Store(Path.Combine(folder, "crm.db"), "CREATE TABLE customers (id INTEGER PRIMARY KEY, account_id TEXT, contact_name TEXT, email TEXT, phone TEXT, created_at TEXT); CREATE INDEX ix_c_phone ON customers(phone);",
                "INSERT INTO customers (account_id, contact_name, email, phone, created_at) VALUES ('acct-1', '王芳', 'wang.fang@example.com', $p, '2025-03-01 08:00:00')", 1, 0);
            Store(usage, "CREATE TABLE login_events (id INTEGER PRIMARY KEY, phone TEXT, imei TEXT, ip TEXT, browser TEXT, language TEXT, gps_lat REAL, gps_lng REAL, accessed_at TEXT); CREATE INDEX ix_l_phone ON login_events(phone); CREATE INDEX ix_l_at ON login_events(accessed_at);",
                "INSERT INTO login_events (phone, imei, ip, browser, language, gps_lat, gps_lng, accessed_at) VALUES ($p, '86451203' || $i, '10.1.' || ($i % 250) || '.' || ($i % 200), 'Chrome 131', 'zh-CN', 39.9 + $i % 100 / 1000.0, 116.4, '2026-01-01 00:00:00')", personRows, otherRows);
            Store(Path.Combine(folder, "delivery.db"), "CREATE TABLE deliveries (id INTEGER PRIMARY KEY, contact_name TEXT, phone TEXT, address TEXT, requested_at TEXT); CREATE INDEX ix_d_phone ON deliveries(phone);",
                "INSERT INTO deliveries (contact_name, phone, address, requested_at) VALUES ('王芳', $p, '北京市朝阳区广顺南大街 16 号', '2026-02-01 09:00:00')", 1, 0);

            await using (var db = database.CreateDbContext())
            {
                var categories = await db.Set<DataCategory>().ToDictionaryAsync(c => c.Key);
                DataSystem System(string name, string path, TableMapping table, params string[] keys) => new()
                {
                    Name = name, OwnerTeam = "bench", OwnerEmail = "owner@example.com", Purpose = "bench", ConnectorKind = ConnectorKind.Database,
                    DatabaseProvider = DatabaseProviders.Sqlite, SecretProtected = provider.GetRequiredService<ConnectorSecrets>().Protect($"Data Source={path}"),
                    MappingJson = new DatabaseMapping { Tables = [table] }.ToJson(), Categories = keys.Select(k => categories[k]).ToList(),
                };
                db.AddRange(
                    System("CRM", Path.Combine(folder, "crm.db"), new TableMapping
                    {
                        Table = "customers", IdentifierColumns = [new("phone", IdentifierKind.Phone)], TimestampColumn = "created_at",
                        CategoryColumns = new() { [DataCategories.AccountIdentity] = ["contact_name", "account_id"], [DataCategories.Contact] = ["email", "phone"] },
                        Erasure = ErasureAction.NullColumns, ErasureColumns = ["account_id", "contact_name", "email", "phone"],
                    }, DataCategories.AccountIdentity, DataCategories.Contact),
                    System("Usage", usage, new TableMapping
                    {
                        Table = "login_events", IdentifierColumns = [new("phone", IdentifierKind.Phone)], TimestampColumn = "accessed_at",
                        CategoryColumns = new() { [DataCategories.DeviceUsage] = ["imei", "ip", "browser", "language"], [DataCategories.PreciseLocation] = ["gps_lat", "gps_lng"] },
                    }, DataCategories.DeviceUsage, DataCategories.PreciseLocation),
                    System("Delivery", Path.Combine(folder, "delivery.db"), new TableMapping
                    {
                        Table = "deliveries", IdentifierColumns = [new("phone", IdentifierKind.Phone)], TimestampColumn = "requested_at",
                        CategoryColumns = new() { [DataCategories.Delivery] = ["contact_name", "phone", "address"] },
                    }, DataCategories.Delivery));
                await db.SaveChangesAsync();
            }
            var (_, id) = await provider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, Phone)]);
            return new Rig(provider, id!.Value, usage);
        }

        private static void Store(string path, string schema, string insert, int personRows, int otherRows)
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "PRAGMA journal_mode=WAL; " + schema;
                create.ExecuteNonQuery();
            }
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = insert;
            var p = command.Parameters.Add("$p", SqliteType.Text);
            var i = command.Parameters.Add("$i", SqliteType.Integer);
            command.Prepare();
            // The person's rows are spread evenly among the others', as a real log interleaves users.
            var stride = Math.Max(1, (personRows + otherRows) / Math.Max(1, personRows));
            var written = 0;
            for (var n = 0; n < personRows + otherRows; n++)
            {
                var mine = written < personRows && (n % stride == 0 || personRows + otherRows - n <= personRows - written);
                written += mine ? 1 : 0;
                p.Value = mine ? Phone : $"137{n % 100_000_000:D8}";
                i.Value = n;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        /// <summary>Runs one export; returns the source rows read from the three systems.</summary>
        public async Task<long> ExportAsync()
        {
            await using var scope = services.CreateAsyncScope();
            var operations = scope.ServiceProvider.GetRequiredService<SubjectOperationService>();
            var (_, id) = await operations.StartAsync(subjectId, OperationKind.Export, "bench export");
            await operations.RunAsync(id!.Value);
            var operation = (await operations.ListAsync(subjectId)).First(o => o.Id == id);
            File.Delete(scope.ServiceProvider.GetRequiredService<ExportStorage>().PackagePath(operation.Package!.FileName));
            return operation.Steps.Sum(s => s.Rows);
        }

        public async Task<long> EraseAsync()
        {
            await using var scope = services.CreateAsyncScope();
            var operations = scope.ServiceProvider.GetRequiredService<SubjectOperationService>();
            var (_, id) = await operations.StartAsync(subjectId, OperationKind.Erase, "bench erase");
            await operations.RunAsync(id!.Value);
            return (await operations.ListAsync(subjectId)).First(o => o.Id == id).Steps.Single(s => s.SystemName == "Usage").Rows;
        }

        /// <summary>The usage-log connector on its own, against a copy of the store: what the raw DELETE is compared with.</summary>
        public async Task<long> EraseWithConnectorAsync(string copy)
        {
            await using var scope = services.CreateAsyncScope();
            var targets = scope.ServiceProvider.GetRequiredService<ConnectorTargets>();
            var system = (await targets.ActiveSystemsAsync(default)).Single(s => s.Name == "Usage");
            var target = targets.For(system) with { Secret = $"Data Source={copy}" };
            var keys = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().KeysAsync(subjectId);
            var outcome = await scope.ServiceProvider.GetRequiredService<DatabaseConnector>().EraseAsync(target, keys, new OperationStepRef(0, 0, OperationKind.Erase, "bench"), default);
            return outcome.Rows;
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
