using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;
using netDumbster.smtp;
using PrivacyPortal.Modules.Foundation.Notifications;

namespace PrivacyPortal.Tests.Notifications;

/// <summary>The outbox against a real SMTP server on loopback.</summary>
public sealed class SmtpDispatchTests : IAsyncLifetime
{
    private readonly int port = NotificationsHarness.FreePort();
    private NotificationsHarness harness = default!;
    private SimpleSmtpServer? smtp;

    public async Task InitializeAsync()
    {
        harness = await NotificationsHarness.CreateAsync(Settings(port), Crashing.Register);
        smtp = SimpleSmtpServer.Start(port);
    }

    public async Task DisposeAsync()
    {
        smtp?.Dispose();
        await harness.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Notifications:Email:Host"] = "127.0.0.1",
        ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:From"] = "privacy@portal.test",
        ["Notifications:Email:FromName"] = "个人信息保护团队",
    };

    private static string Address(int i) => $"subject-{i:D3}@example.test";

    private async Task<List<long>> EnqueueAsync(int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.RequestAcknowledgement,
                NotificationLanguages.Chinese, Address(i), NotificationsHarness.Ack($"PR-2026-{i:D6}"))));
        }
        return ids;
    }

    private List<MimeMessage> Received() =>
        smtp!.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();

    [Fact]
    public async Task A_queued_message_arrives_once_with_its_content_and_a_stable_message_id_and_the_address_is_stored_encrypted()
    {
        var id = (await EnqueueAsync(1))[0];

        var summary = await harness.Dispatcher.RunAsync();
        var again = await harness.Dispatcher.RunAsync();

        Assert.Equal((1, 1, 0), (summary.Claimed, summary.Sent, again.Claimed));
        var mail = Assert.Single(Received());
        Assert.Equal($"outbox-{id}@privacy-portal", mail.MessageId);
        Assert.Equal(Address(0), mail.To.Mailboxes.Single().Address);
        Assert.Equal("privacy@portal.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal("【权利请求受理通知】我们已收到您的请求（受理编号：PR-2026-000000）", mail.Subject);
        Assert.Contains("并于 2026-12-18 前答复处理结果", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("400-820-1234", mail.TextBody, StringComparison.Ordinal);

        var row = Assert.Single(await harness.MessagesAsync());
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.DoesNotContain("subject-000", row.RecipientProtected, StringComparison.Ordinal);
        Assert.Equal("s***@example.test", row.RecipientMasked);
        Assert.DoesNotContain(harness.Log.Lines, l => l.Contains("@example.test", StringComparison.Ordinal) || l.Contains("答复处理结果", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_added_to_a_callers_context_are_sent_only_when_the_caller_commits()
    {
        await using (var db = harness.Database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await harness.Outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Email, NotificationPurposes.Test, NotificationLanguages.English,
                "rolled.back@example.test", new Dictionary<string, string> { ["sent_by"] = "x", ["sent_at"] = "y" }));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await harness.Dispatcher.RunAsync();
        Assert.Empty(await harness.MessagesAsync());

        await using (var db = harness.Database.CreateDbContext())
        {
            await harness.Outbox.AddAsync(db, new NotificationRequest(NotificationChannel.Email, NotificationPurposes.Test, NotificationLanguages.English,
                "committed@example.test", new Dictionary<string, string> { ["sent_by"] = "Wang Fang", ["sent_at"] = "27 Nov 2026" }));
            await db.SaveChangesAsync();
        }
        await harness.Dispatcher.RunAsync();
        var mail = Assert.Single(Received());
        Assert.Equal("Test message from the Privacy Portal", mail.Subject);
        Assert.Contains("Sent by: Wang Fang", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_staff_see_of_a_message_follows_the_outbox_queued_then_retrying_then_sent_never_sent_before_it_is()
    {
        var status = harness.Get<MessageStatusService>();
        smtp!.Stop();
        smtp.Dispose();
        smtp = null;
        await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.RequestAcknowledgement,
            NotificationLanguages.Chinese, Address(1), NotificationsHarness.Ack("PR-2026-000007"), CorrelationId: "request:7:ack"));
        await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Sms, NotificationPurposes.RequestAcknowledgement,
            NotificationLanguages.Chinese, "13800000001", NotificationsHarness.Ack("PR-2026-000007"), CorrelationId: "request:7:ack-sms"));

        var rows = await status.ForAsync("request:7:");
        Assert.Equal(["Notifications.Reason.Queued", "Notifications.Reason.NotConfigured"], rows.Select(r => r.ReasonKey).ToArray());
        Assert.Equal(ChannelReadiness.NotConfigured, status.Readiness(NotificationChannel.Sms));
        Assert.Contains(status.UnreadyChannels(), c => c.Channel == NotificationChannel.Sms);
        Assert.DoesNotContain(status.UnreadyChannels(), c => c.Channel == NotificationChannel.Email);

        await harness.Dispatcher.RunAsync();
        rows = await status.ForAsync("request:7:");
        Assert.Equal("Notifications.Reason.Retrying", rows[0].ReasonKey);
        Assert.False(rows[0].Delivered);

        smtp = SimpleSmtpServer.Start(port);
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        await harness.Dispatcher.RunAsync();
        rows = await status.ForAsync("request:7:");
        Assert.Equal("Notifications.Reason.Sent", rows[0].ReasonKey);
        Assert.True(rows[0].Delivered);
        Assert.Equal("Notifications.Reason.NotConfigured", rows[1].ReasonKey);
        Assert.False(rows[1].Delivered);
        // The SMS never left: it counts as failed or as waiting on the home page, never as sent.
        var trouble = await status.TroubleAsync(harness.Clock.GetUtcNow().UtcDateTime.AddDays(-7), harness.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(1, trouble.Failed + trouble.Waiting);
        Assert.Equal(rows[1].Status == OutboxStatus.Failed ? 1 : 0, trouble.Failed);
    }

    [Fact]
    public async Task A_refusing_server_leads_to_retries_with_backoff_and_then_a_visible_failure_never_a_silent_loss()
    {
        smtp!.Stop();
        smtp.Dispose();
        smtp = null;
        await EnqueueAsync(3);

        var first = await harness.Dispatcher.RunAsync();

        // One message tried and failed; the other two waited for the relay instead of each timing out.
        Assert.Equal((1, 2), (first.Retrying, first.Deferred));
        var rows = await harness.MessagesAsync();
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        Assert.All(rows, r => Assert.StartsWith("SMTP connection failed", r.LastError, StringComparison.Ordinal));
        Assert.Equal([1, 0, 0], rows.Select(r => r.Attempts));
        Assert.All(rows, r => Assert.Equal(harness.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), r.NextAttemptUtc));

        // Nothing is due before the backoff ends.
        Assert.Equal(0, (await harness.Dispatcher.RunAsync()).Claimed);

        for (var i = 0; i < 12; i++)
        {
            harness.Clock.Advance(TimeSpan.FromMinutes(5));
            await harness.Dispatcher.RunAsync();
        }
        rows = await harness.MessagesAsync();
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Failed, r.Status));
        Assert.All(rows, r => Assert.Equal(3, r.Attempts));
        Assert.All(rows, r => Assert.StartsWith("SMTP connection failed", r.LastError, StringComparison.Ordinal));
        Assert.Equal(0, (await harness.Dispatcher.RunAsync()).Claimed);
    }

    [Fact]
    public async Task When_the_server_disappears_and_comes_back_every_message_is_delivered_exactly_once()
    {
        await EnqueueAsync(2);
        await harness.Dispatcher.RunAsync();
        smtp!.Stop();
        smtp.Dispose();
        smtp = null;
        var late = await EnqueueAsync(3);

        await harness.Dispatcher.RunAsync();
        Assert.All((await harness.MessagesAsync()).Where(r => late.Contains(r.Id)), r => Assert.Equal(OutboxStatus.Pending, r.Status));

        smtp = SimpleSmtpServer.Start(port);
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        await harness.Dispatcher.RunAsync();

        Assert.All(await harness.MessagesAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Equal(late.Select(id => $"outbox-{id}@privacy-portal"), Received().Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task After_a_crash_mid_batch_confirmed_messages_are_never_resent_and_in_flight_ones_at_most_once_more()
    {
        var ids = await EnqueueAsync(10);
        var crash = harness.Get<Crashing>();
        crash.AfterSends = 4;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Dispatcher.RunAsync(crash.Token));

        // Four reached the server; the fourth was not yet recorded when the process "died".
        Assert.Equal(4, smtp!.ReceivedEmailCount);
        var rows = await harness.MessagesAsync();
        var confirmed = rows.Where(r => r.Status == OutboxStatus.Sent).Select(r => r.Id).ToList();
        Assert.Equal(ids.Take(3), confirmed);
        Assert.All(rows.Where(r => r.Status != OutboxStatus.Sent), r => Assert.Equal(OutboxStatus.Sending, r.Status));

        // A restart within the lease leaves the claimed rows alone: their owner might still be alive.
        crash.AfterSends = int.MaxValue;
        Assert.Equal(0, (await harness.Dispatcher.RunAsync()).Claimed);

        harness.Clock.Advance(TimeSpan.FromMinutes(6));
        var recovered = await harness.Dispatcher.RunAsync();

        Assert.Equal((7, 7), (recovered.Claimed, recovered.Sent));
        Assert.All(await harness.MessagesAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var deliveries = Received().GroupBy(m => m.MessageId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ids.Select(id => $"outbox-{id}@privacy-portal").Order(), deliveries.Keys.Order());
        Assert.All(confirmed, id => Assert.Equal(1, deliveries[$"outbox-{id}@privacy-portal"]));
        Assert.All(deliveries.Values, count => Assert.InRange(count, 1, 2));
        Assert.Equal(2, deliveries[$"outbox-{ids[3]}@privacy-portal"]);
    }

    [Fact]
    public async Task A_campaign_is_written_in_one_transaction_and_every_recipient_gets_their_own_message()
    {
        var recipients = Enumerable.Range(0, 40).Select(i => new CampaignRecipient(Address(i), NotificationsHarness.Ack($"PR-2026-{i:D6}"))).ToList();

        var count = await harness.Outbox.EnqueueCampaignAsync(NotificationChannel.Email, NotificationPurposes.RequestAcknowledgement,
            NotificationLanguages.English, recipients, "campaign-1");
        await harness.Dispatcher.RunAsync();

        Assert.Equal(40, count);
        var rows = await harness.MessagesAsync();
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, "campaign-1"), (r.Status, r.CorrelationId)));
        var mails = Received();
        Assert.Equal(40, mails.Count);
        Assert.All(mails, m => Assert.Contains(m.To.Mailboxes.Single().Address[8..11], m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_dispatchers_at_once_never_send_the_same_message_twice()
    {
        var ids = await EnqueueAsync(30);
        var options = harness.Get<Microsoft.Extensions.Options.IOptions<NotificationsOptions>>();
        options.Value.Outbox.BatchSize = 5;

        var second = ActivatorUtilities.CreateInstance<OutboxDispatcher>(harness.Scope.ServiceProvider);
        await Task.WhenAll(Task.Run(() => harness.Dispatcher.RunAsync()), Task.Run(() => second.RunAsync()));

        Assert.Equal(30, smtp!.ReceivedEmailCount);
        Assert.Equal(ids.Select(id => $"outbox-{id}@privacy-portal").Order(), Received().Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task A_code_queued_while_a_campaign_is_sending_leaves_within_one_slice_not_after_the_campaign()
    {
        var options = harness.Get<Microsoft.Extensions.Options.IOptions<NotificationsOptions>>().Value.Outbox;
        var recipients = Enumerable.Range(0, 300).Select(i => new CampaignRecipient(Address(i), NotificationsHarness.Ack($"PR-2026-{i:D6}"))).ToList();
        await harness.Outbox.EnqueueCampaignAsync(NotificationChannel.Email, NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese, recipients, "campaign-7");
        // A caller on the hotline asks for a code when the 50th campaign message has gone.
        long code = 0;
        harness.Get<Crashing>().OnSend = async sent =>
        {
            if (sent == 50)
            {
                code = await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.VerificationCode,
                    NotificationLanguages.Chinese, "caller@example.test", NotificationPurposes.Find(NotificationPurposes.VerificationCode)!.Samples(NotificationLanguages.Chinese)));
            }
        };

        await harness.Dispatcher.RunAsync();

        // The relay's own list is not in arrival order: the order is the one the sender sent in.
        var order = harness.Get<Crashing>().SentIds.ToList();
        Assert.Equal(301, order.Count);
        Assert.Equal(301, smtp!.ReceivedEmailCount);
        Assert.InRange(order.IndexOf(code), 50, 50 + options.CampaignSliceSize);
        Assert.Equal(OutboxPriority.Urgent, (await harness.MessagesAsync()).Single(m => m.Id == code).Priority);
        Assert.All((await harness.MessagesAsync()).Where(m => m.Id != code), m => Assert.Equal(OutboxPriority.Campaign, m.Priority));
    }

    [Fact]
    public async Task The_urgent_look_out_sends_codes_only_and_leaves_everything_else_to_the_scheduled_run()
    {
        var ack = (await EnqueueAsync(1))[0];
        var code = await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.AccessDelivery, NotificationLanguages.Chinese,
            "caller@example.test", NotificationPurposes.Find(NotificationPurposes.AccessDelivery)!.Samples(NotificationLanguages.Chinese)));

        var urgent = await harness.Dispatcher.RunUrgentAsync();

        Assert.Equal((1, 1), (urgent.Claimed, urgent.Sent));
        var rows = (await harness.MessagesAsync()).ToDictionary(m => m.Id);
        Assert.Equal((OutboxStatus.Sent, OutboxPriority.Urgent), (rows[code].Status, rows[code].Priority));
        Assert.Equal((OutboxStatus.Pending, OutboxPriority.Individual), (rows[ack].Status, rows[ack].Priority));
        Assert.Equal(NotificationOutbox.MessageId(code), Assert.Single(Received()).MessageId);
    }

    /// <summary>Wraps the e-mail sender and "kills the process" (cancels the run) right after the Nth send.</summary>
    public sealed class Crashing(EmailSender inner) : INotificationSender
    {
        private readonly CancellationTokenSource source = new();
        private int sends;

        public int AfterSends { get; set; } = int.MaxValue;

        public ConcurrentQueue<long> SentIds { get; } = new();

        /// <summary>Called after each send with the number sent so far: what happens in the world while the run goes on.</summary>
        public Func<int, Task>? OnSend { get; set; }

        public CancellationToken Token => source.Token;

        public NotificationChannel Channel => NotificationChannel.Email;

        public static void Register(IServiceCollection services)
        {
            services.RemoveAll<INotificationSender>();
            services.AddSingleton<EmailSender>();
            services.AddSingleton<Crashing>();
            services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<Crashing>());
        }

        public async Task<INotificationSession> OpenAsync(CancellationToken cancellationToken) => new Session(this, await inner.OpenAsync(cancellationToken));

        private sealed class Session(Crashing owner, INotificationSession inner) : INotificationSession
        {
            public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
            {
                await inner.SendAsync(message, cancellationToken);
                owner.SentIds.Enqueue(message.Id);
                var sent = Interlocked.Increment(ref owner.sends);
                if (owner.OnSend is { } onSend)
                {
                    await onSend(sent);
                }
                if (sent == owner.AfterSends)
                {
                    await owner.source.CancelAsync();
                }
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
