// Breaches bench: the issue's targets for affected-people import, campaign fan-out and campaign progress.
//
//     dotnet run -c Release --project PrivacyPortal.Bench -- breaches [--people 1000000]
//
// On a fresh SQLite file migrated with the portal's migrations, with the portal's own services:
// 1. Import: a CSV of --people distinct e-mail identifiers through AffectedImportService.ImportAsync (validated in a
//    first streamed pass, then hashed, sealed, de-duplicated and written in one transaction, then matched to the
//    directory in one statement). Target: 1,000,000 in under 30 s, memory flat (the working set is sampled every
//    100 ms; the file itself is never held in memory).
// 2. Fan-out: a breach campaign (e-mail) to the whole cohort, drafted, tested, approved by a second officer, started,
//    then CampaignService.FanOutAsync writes every outbox row. Target: 1,000,000 in under 60 s.
// 3. Progress: CampaignService.ProgressAsync on that campaign (one grouped query over the campaign's outbox rows plus
//    the campaign row), median of 5. The page refreshes with it every 2 s, whatever the cohort's size.
// 4. Hotline under load: a second import of --people identifiers and a breach campaign fan-out to --cohort people
//    (default 200,000) run together, while a hotline intake (RequestService.TakeAsync) is saved every 250 ms; the
//    figure is the slowest intake and the median. Target: every intake within 2 s.
// Prints figures; never fails on a miss.

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacyPortal.Configuration;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Bench;

internal static class BreachesBench
{
    private const double ImportTargetSeconds = 30;
    private const double FanOutTargetSeconds = 60;
    private const double IntakeTargetSeconds = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var people = Option(args, "--people", 1_000_000);
        var cohort = Option(args, "--cohort", 200_000);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pp-bench-breaches", Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            Console.WriteLine($"Breaches bench · {people:N0} people · SQLite in {folder} · load {LoadAverage()}");

            // Warm-up (JIT, EF model, Data Protection keys, Fluid parse): not measured.
            await using (var warm = await Rig.CreateAsync(Path.Combine(folder, "warm.db")))
            {
                await warm.RunAsync(Path.Combine(folder, "warm.csv"), 3_000);
            }

            await using var rig = await Rig.CreateAsync(Path.Combine(folder, "breaches.db"));
            var result = await rig.RunAsync(Path.Combine(folder, "affected.csv"), people);

            Console.WriteLine();
            Console.WriteLine($"{"figure",-62} {"value",12} {"target",10}");
            Row("import: seconds (validate + write + match)", result.ImportSeconds.ToString("F1", CultureInfo.InvariantCulture), $"< {ImportTargetSeconds}", result.ImportSeconds < ImportTargetSeconds);
            Row("import: rows per second", (people / result.ImportSeconds).ToString("N0", CultureInfo.InvariantCulture), "", null);
            Row("import: CPU seconds", result.ImportCpu.ToString("F1", CultureInfo.InvariantCulture), "", null);
            Row("import: working set before, MB", Mb(result.WorkingSetBefore), "", null);
            Row("import: peak working set during, MB", Mb(result.PeakWorkingSet), "", null);
            Row("import: CSV file size, MB", Mb(result.FileBytes), "", null);
            Row("import: rows stored", result.Stored.ToString("N0", CultureInfo.InvariantCulture), $"{people:N0}", result.Stored == people);
            Row("fan-out: seconds", result.FanOutSeconds.ToString("F1", CultureInfo.InvariantCulture), $"< {FanOutTargetSeconds}", result.FanOutSeconds < FanOutTargetSeconds);
            Row("fan-out: messages per second", (result.Queued / result.FanOutSeconds).ToString("N0", CultureInfo.InvariantCulture), "", null);
            Row("fan-out: outbox rows written", result.Queued.ToString("N0", CultureInfo.InvariantCulture), $"{people:N0}", result.Queued == people);
            Row("fan-out: peak working set during, MB", Mb(result.FanOutPeakWorkingSet), "", null);
            Row("progress: one refresh, ms (median of 5)", result.ProgressMs.ToString("F0", CultureInfo.InvariantCulture), "", null);
            var load = await rig.HotlineUnderLoadAsync(folder, people, cohort);
            Row($"hotline under load: intakes saved during import + fan-out", load.Intakes.ToString("N0", CultureInfo.InvariantCulture), "", null);
            Row("hotline under load: slowest intake, s", load.SlowestSeconds.ToString("F2", CultureInfo.InvariantCulture), $"< {IntakeTargetSeconds}", load.SlowestSeconds < IntakeTargetSeconds);
            Row("hotline under load: median intake, s", load.MedianSeconds.ToString("F2", CultureInfo.InvariantCulture), "", null);
            Row("hotline under load: import + fan-out, s", load.LoadSeconds.ToString("F1", CultureInfo.InvariantCulture), "", null);
            Console.WriteLine();
            Console.WriteLine($"database on disk: {Mb(rig.SizeOnDisk)} MB");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private static void Row(string name, string value, string target, bool? pass) =>
        Console.WriteLine($"{name,-62} {value,12} {target,10}  {(pass is null ? "" : pass.Value ? "PASS" : "MISS")}");

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

    private sealed record Figures(double ImportSeconds, double ImportCpu, long WorkingSetBefore, long PeakWorkingSet, long FileBytes, long Stored,
        double FanOutSeconds, long Queued, long FanOutPeakWorkingSet, double ProgressMs);

    /// <summary>Samples the process working set every 100 ms while a step runs.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer timer;
        private long peak;

        public PeakSampler()
        {
            peak = Environment.WorkingSet;
            timer = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet)), null, 0, 100);
        }

        public long Peak => Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet);

        public void Dispose() => timer.Dispose();
    }

    private sealed class Rig(ServiceProvider services, BenchDatabase database) : IAsyncDisposable
    {
        public long SizeOnDisk => database.SizeOnDisk;

        public static async Task<Rig> CreateAsync(string path)
        {
            var database = await BenchDatabase.CreateAsync(path);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Subjects:LookupKey"] = Convert.ToBase64String(SHA256.HashData("PrivacyPortal.Bench breaches lookup key"u8)),
            }).Build();
            var collection = new ServiceCollection();
            collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            collection.AddSingleton<IConfiguration>(configuration);
            var environment = new BenchEnvironment();
            collection.AddSingleton<IHostEnvironment>(environment);
            collection.AddSingleton(TimeProvider.System);
            collection.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
            collection.AddDataProtection().UseEphemeralDataProtectionProvider();
            collection.AddOptions<PortalOptions>();
            collection.AddSingleton<PortalTime>();
            collection.AddScoped<AuthenticationStateProvider, ServerAuthenticationStateProvider>();
            collection.AddPortalModules(configuration, environment);
            var provider = collection.BuildServiceProvider();
            await provider.GetRequiredService<TemplateSeeder>().SeedAsync();
            return new Rig(provider, database);
        }

        private T As<T>(string actor) where T : notnull
        {
            var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().ActingAs = actor;
            return scope.ServiceProvider.GetRequiredService<T>();
        }

        public async Task<Figures> RunAsync(string csvPath, int people)
        {
            await using (var writer = new StreamWriter(csvPath))
            {
                await writer.WriteLineAsync("type,value");
                for (var i = 0; i < people; i++)
                {
                    await writer.WriteLineAsync($"email,affected-{i:D7}@example.com");
                }
            }
            var system = await As<SystemService>("bench-a").SaveAsync(new SystemInput
            {
                Name = "用户行为日志库", OwnerTeam = "平台运维部", OwnerEmail = "usage-logs@example.com", Purpose = "记录登录与访问日志", StorageRegion = StorageRegions.MainlandChina, CategoryIds = [3],
            });
            var (_, incidentId) = await As<BreachService>("bench-a").CreateAsync(new BreachInput("基准测试事件", "基准测试。", DateTime.UtcNow.AddHours(-1), "安全运营中心", null, null, "", "", "", "",
                false, false, null, [system.Id!.Value], [3]));

            GC.Collect();
            var before = Environment.WorkingSet;
            var cpu = Meter.CpuTime();
            var watch = Stopwatch.StartNew();
            ImportResult import;
            long importPeak;
            using (var sampler = new PeakSampler())
            {
                await using var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                import = await As<AffectedImportService>("bench-a").ImportAsync(incidentId!.Value, file);
                importPeak = sampler.Peak;
            }
            var importSeconds = watch.Elapsed.TotalSeconds;
            var importCpu = (Meter.CpuTime() - cpu).TotalSeconds;
            if (!import.Succeeded)
            {
                throw new InvalidOperationException("The bench file did not import.");
            }

            var campaign = await StartedCampaignAsync(incidentId!.Value, "基准测试告知");

            GC.Collect();
            watch.Restart();
            long fanOutPeak;
            using (var sampler = new PeakSampler())
            {
                await As<CampaignService>("system").FanOutAsync(campaign.Id);
                fanOutPeak = sampler.Peak;
            }
            var fanOutSeconds = watch.Elapsed.TotalSeconds;

            var timings = new List<double>();
            CampaignProgress? progress = null;
            for (var i = 0; i < 5; i++)
            {
                watch.Restart();
                progress = await As<CampaignService>("bench-a").ProgressAsync(campaign.Id);
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
            timings.Sort();
            return new Figures(importSeconds, importCpu, before, importPeak, new FileInfo(csvPath).Length, import.Added,
                fanOutSeconds, progress!.Queued, fanOutPeak, timings[2]);
        }

        /// <summary>An e-mail breach campaign to the incident's people, drafted, tested, approved by a second officer and started.</summary>
        private async Task<NotificationCampaign> StartedCampaignAsync(long incidentId, string title)
        {
            var drafter = As<CampaignService>("bench-a");
            var values = await drafter.SuggestValuesAsync(CampaignKind.Breach, incidentId, null);
            foreach (var key in values.Keys.Where(k => values[k].Length == 0).ToList())
            {
                values[key] = "基准测试内容";
            }
            var (_, campaignId) = await drafter.CreateAsync(new CampaignInput(CampaignKind.Breach, title, incidentId, null, CampaignChannels.Email, values, new Dictionary<string, string>()));
            var campaign = (await drafter.GetAsync(campaignId!.Value))!;
            await drafter.SendTestAsync(campaign.Id, campaign.Version, "officer@example.com");
            await As<CampaignService>("bench-b").ApproveAsync(campaign.Id, campaign.Version + 1);
            await drafter.StartAsync(campaign.Id, campaign.Version + 2);
            return campaign;
        }

        /// <summary>Phase 4: an import and a fan-out at once, and the hotline saving intakes meanwhile.</summary>
        public async Task<(int Intakes, double SlowestSeconds, double MedianSeconds, double LoadSeconds)> HotlineUnderLoadAsync(string folder, int people, int cohort)
        {
            var system = await As<SystemService>("bench-a").SaveAsync(new SystemInput
            {
                Name = "计费系统", OwnerTeam = "计费部", OwnerEmail = "billing@example.com", Purpose = "计费与账单", StorageRegion = StorageRegions.MainlandChina, CategoryIds = [3],
            });
            async Task<long> IncidentWithPeopleAsync(string title, string csv, int count, string prefix)
            {
                await using (var writer = new StreamWriter(csv))
                {
                    for (var i = 0; i < count; i++)
                    {
                        await writer.WriteLineAsync($"email,{prefix}-{i:D7}@example.com");
                    }
                }
                var (_, id) = await As<BreachService>("bench-a").CreateAsync(new BreachInput(title, "基准测试。", DateTime.UtcNow.AddHours(-1), "安全运营中心", null, null, "", "", "", "",
                    false, false, null, [system.Id!.Value], [3]));
                return id!.Value;
            }
            // The campaign's cohort is imported first; its campaign is approved and started, ready to fan out.
            var cohortIncident = await IncidentWithPeopleAsync("基准测试事件（告知）", Path.Combine(folder, "cohort.csv"), cohort, "cohort");
            await using (var file = new FileStream(Path.Combine(folder, "cohort.csv"), FileMode.Open, FileAccess.Read))
            {
                await As<AffectedImportService>("bench-a").ImportAsync(cohortIncident, file);
            }
            var campaign = await StartedCampaignAsync(cohortIncident, "基准测试告知（并发）");
            var importIncident = await IncidentWithPeopleAsync("基准测试事件（导入）", Path.Combine(folder, "second.csv"), people, "second");
            var (_, caller) = await As<SubjectDirectory>("bench-hotline").CreateAsync([new(IdentifierKind.Phone, "13900009999")]);

            async Task<double> IntakeAsync()
            {
                var one = Stopwatch.StartNew();
                var result = await As<PrivacyPortal.Modules.Cases.Requests.RequestService>("bench-hotline").TakeAsync(new PrivacyPortal.Modules.Cases.Requests.IntakeInput
                {
                    SubjectId = caller!.Value, Types = [PrivacyPortal.Modules.Cases.Requests.RequestType.Access], Summary = "来电查询个人信息", CreateDespiteDuplicates = true,
                });
                if (!result.Errors.IsValid)
                {
                    throw new InvalidOperationException("An intake was refused: " + string.Join(", ", result.Errors));
                }
                return one.Elapsed.TotalSeconds;
            }
            // The intake path warmed up (JIT, EF queries) before the load, as on a portal that has been serving calls.
            await IntakeAsync();

            var watch = Stopwatch.StartNew();
            var load = Task.WhenAll(
                Task.Run(async () =>
                {
                    await using var file = new FileStream(Path.Combine(folder, "second.csv"), FileMode.Open, FileAccess.Read);
                    await As<AffectedImportService>("bench-a").ImportAsync(importIncident, file);
                }),
                Task.Run(() => As<CampaignService>("system").FanOutAsync(campaign.Id)));
            var intakes = new List<double>();
            while (!load.IsCompleted)
            {
                intakes.Add(await IntakeAsync());
                await Task.WhenAny(load, Task.Delay(250));
            }
            await load;
            var loadSeconds = watch.Elapsed.TotalSeconds;
            intakes.Sort();
            return (intakes.Count, intakes.Count == 0 ? 0 : intakes[^1], intakes.Count == 0 ? 0 : intakes[intakes.Count / 2], loadSeconds);
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
