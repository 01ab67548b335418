// Notifications bench: outbox enqueue and SMTP dispatch throughput.
//
//     dotnet run -c Release --project PrivacyPortal.Bench -- notifications [--enqueue 100000] [--dispatch 5000]
//
// 1. Enqueue: one campaign of --enqueue e-mail messages (template rendered per recipient, recipient encrypted with
//    Data Protection and masked) through NotificationOutbox.EnqueueCampaignAsync, one transaction, on a fresh
//    SQLite file migrated with the portal's migrations. Target: 100,000 in under 5 s.
// 2. Dispatch: --dispatch messages through the real OutboxDispatcher (claim, decrypt, send, mark each row) to an
//    SMTP sink on loopback, throttling off; then the same messages composed the same way and sent by raw MailKit in a
//    loop on one connection. Target: >= 300 messages/s; the ratio to raw MailKit is reported.
// Prints figures; never fails on a miss.

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Notifications;

namespace PrivacyPortal.Bench;

internal static class NotificationsBench
{
    private const double EnqueueTargetSeconds = 5;
    private const double DispatchTarget = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var enqueueCount = Option(args, "--enqueue", 100_000);
        var dispatchCount = Option(args, "--dispatch", 5_000);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pp-bench-notifications", Guid.NewGuid().ToString("N"))).FullName;
        await using var sink = SmtpSink.Start();
        try
        {
            Console.WriteLine($"Notifications bench · enqueue {enqueueCount:N0} · dispatch {dispatchCount:N0} · SQLite in {folder}");

            // Warm-up (JIT, EF model, Data Protection keys, Fluid parse): not measured.
            await using (var warm = await Rig.CreateAsync(Path.Combine(folder, "warm.db"), sink.Port))
            {
                await warm.EnqueueAsync(500);
                await warm.Dispatcher.RunAsync();
            }

            await using var enqueueRig = await Rig.CreateAsync(Path.Combine(folder, "enqueue.db"), sink.Port);
            var watch = Stopwatch.StartNew();
            await enqueueRig.EnqueueAsync(enqueueCount);
            var enqueueSeconds = watch.Elapsed.TotalSeconds;
            var stored = await enqueueRig.CountAsync();

            await using var dispatchRig = await Rig.CreateAsync(Path.Combine(folder, "dispatch.db"), sink.Port);
            await dispatchRig.EnqueueAsync(dispatchCount);
            var before = sink.Received;
            watch.Restart();
            var summary = await dispatchRig.Dispatcher.RunAsync();
            var dispatchSeconds = watch.Elapsed.TotalSeconds;
            var delivered = sink.Received - before;

            // Raw MailKit: the same messages, composed the same way, one connection, nothing recorded.
            var messages = await dispatchRig.OutgoingAsync();
            var email = dispatchRig.Options.Email;
            before = sink.Received;
            watch.Restart();
            using (var client = new SmtpClient())
            {
                await client.ConnectAsync(IPAddress.Loopback.ToString(), sink.Port, SecureSocketOptions.None);
                foreach (var message in messages)
                {
                    await client.SendAsync(EmailSender.Compose(email, message));
                }
                await client.DisconnectAsync(true);
            }
            var rawSeconds = watch.Elapsed.TotalSeconds;
            var rawDelivered = sink.Received - before;

            var dispatchRate = delivered / dispatchSeconds;
            var rawRate = rawDelivered / rawSeconds;
            Console.WriteLine();
            Console.WriteLine($"{"figure",-44} {"value",14} {"target",14}  result");
            Row("enqueue: messages stored", $"{stored:N0}", $"{enqueueCount:N0}", stored == enqueueCount);
            Row("enqueue: seconds for the campaign", $"{enqueueSeconds:F2} s", $"< {EnqueueTargetSeconds} s", enqueueSeconds < EnqueueTargetSeconds);
            Row("enqueue: messages/s", $"{enqueueCount / enqueueSeconds:N0}", "", null);
            Row("dispatch: claimed / sent by the dispatcher", $"{summary.Claimed:N0} / {summary.Sent:N0}", $"{dispatchCount:N0}", summary.Sent == dispatchCount);
            Row("dispatch: delivered to the SMTP sink", $"{delivered:N0}", $"{dispatchCount:N0}", delivered == dispatchCount);
            Row("dispatch: outbox → SMTP messages/s", $"{dispatchRate:N0}", $">= {DispatchTarget}", dispatchRate >= DispatchTarget);
            Row("raw MailKit loop messages/s", $"{rawRate:N0}", "", null);
            Row("ratio outbox / raw MailKit", $"{dispatchRate / rawRate:P0}", "", null);
            return 0;
        }
        finally
        {
            SqliteCleanup();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                Console.WriteLine($"(left {folder} behind)");
            }
        }
    }

    private static void SqliteCleanup() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private static void Row(string name, string value, string target, bool? pass) =>
        Console.WriteLine($"{name,-44} {value,14} {target,14}  {(pass is null ? "" : pass.Value ? "PASS" : "MISS")}");

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>The feature's services on one bench database, as the portal registers them.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly ServiceProvider services;

        private Rig(ServiceProvider services) => this.services = services;

        public NotificationOutbox Outbox => services.GetRequiredService<NotificationOutbox>();

        public OutboxDispatcher Dispatcher => services.GetRequiredService<OutboxDispatcher>();

        public NotificationsOptions Options => services.GetRequiredService<IOptions<NotificationsOptions>>().Value;

        public static async Task<Rig> CreateAsync(string path, int smtpPort)
        {
            var database = await BenchDatabase.CreateAsync(path);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Notifications:Email:Host"] = IPAddress.Loopback.ToString(),
                ["Notifications:Email:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
                ["Notifications:Email:Security"] = "None",
                ["Notifications:Outbox:BatchSize"] = "500",
                ["Notifications:Outbox:MessagesPerSecond:Email"] = "0",
                ["Notifications:Outbox:RunBudget"] = "00:10:00",
            }).Build();
            var collection = new ServiceCollection();
            collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
            var environment = new BenchEnvironment();
            collection.AddSingleton<IHostEnvironment>(environment);
            collection.AddSingleton(TimeProvider.System);
            collection.AddSingleton<IDbContextFactory<PortalDbContext>>(database);
            collection.AddDataProtection().UseEphemeralDataProtectionProvider();
            collection.AddPortalModules(configuration, environment);
            var provider = collection.BuildServiceProvider();
            await provider.GetRequiredService<TemplateSeeder>().SeedAsync();
            return new Rig(provider);
        }

        public Task<int> EnqueueAsync(int count) => Outbox.EnqueueCampaignAsync(NotificationChannel.Email, NotificationPurposes.RequestAcknowledgement,
            NotificationLanguages.Chinese, Recipients(count), $"bench-{Guid.NewGuid():N}");

        private static IEnumerable<CampaignRecipient> Recipients(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return new CampaignRecipient($"subject-{i:D7}@example.test", new Dictionary<string, string>
                {
                    ["case_number"] = $"PR-2026-{i:D6}",
                    ["request_type"] = "删除",
                    ["due_date"] = "2026-12-18",
                    ["hotline"] = "400-820-1234",
                });
            }
        }

        public async Task<int> CountAsync()
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            return await db.Set<OutboxMessage>().CountAsync();
        }

        public async Task<List<OutgoingMessage>> OutgoingAsync()
        {
            var protector = services.GetRequiredService<RecipientProtector>();
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var rows = await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
            return rows.Select(r => new OutgoingMessage(r.Id, r.Channel, protector.Unprotect(r.RecipientProtected!), r.Language, r.Purpose, r.Subject, r.Body)).ToList();
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    /// <summary>
    /// A minimal SMTP server on loopback that accepts and counts messages (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
    /// several per connection: the receiving end costs next to nothing, so the figures are the sender's.
    /// </summary>
    private sealed class SmtpSink : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private int received;

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int Received => Volatile.Read(ref received);

        public static SmtpSink Start()
        {
            var sink = new SmtpSink();
            sink.listener.Start();
            _ = sink.AcceptAsync();
            return sink;
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 sink ESMTP");
                try
                {
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                        switch (verb)
                        {
                            case "EHLO":
                                await writer.WriteAsync("250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                                break;
                            case "DATA":
                                await writer.WriteLineAsync("354 go ahead");
                                while (await reader.ReadLineAsync() is { } data && data != ".")
                                {
                                }
                                Interlocked.Increment(ref received);
                                await writer.WriteLineAsync("250 queued");
                                break;
                            case "QUIT":
                                await writer.WriteLineAsync("221 bye");
                                return;
                            default:
                                await writer.WriteLineAsync("250 ok");
                                break;
                        }
                    }
                }
                catch (IOException)
                {
                    // The client hung up.
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
