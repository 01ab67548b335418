using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PrivacyPortal.Modules.Foundation.Notifications;

namespace PrivacyPortal.Tests.Notifications;

/// <summary>SMS gateway and push webhook stand-ins: a real Kestrel server on loopback, answering what each test sets.</summary>
public sealed class GatewayStub : IAsyncDisposable
{
    private readonly WebApplication app;

    private GatewayStub(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string Path, JsonElement Body, string? IdempotencyKey, string? ApiKey)> Requests { get; } = new();

    /// <summary>Status codes to answer, in order; then 200.</summary>
    public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

    public string Url(string path) => app.Urls.First() + path;

    public static async Task<GatewayStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new GatewayStub(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            stub.Requests.Enqueue((http.Request.Path, body.RootElement.Clone(), http.Request.Headers["Idempotency-Key"].FirstOrDefault(), http.Request.Headers["X-Api-Key"].FirstOrDefault()));
            http.Response.StatusCode = stub.Answers.TryDequeue(out var code) ? (int)code : 200;
        });
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed class HttpChannelTests : IAsyncLifetime
{
    private GatewayStub gateway = default!;
    private NotificationsHarness harness = default!;

    public async Task InitializeAsync()
    {
        gateway = await GatewayStub.StartAsync();
        harness = await NotificationsHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["Notifications:Sms:Url"] = gateway.Url("/sms/send"),
            ["Notifications:Sms:Account"] = "privacy-ops",
            ["Notifications:Sms:ApiKey"] = "test-key",
            ["Notifications:Sms:Signature"] = "云通信",
            ["Notifications:Sms:TemplateId"] = "TPL-1001",
            ["Notifications:Push:WebhookUrl"] = gateway.Url("/push"),
        });
    }

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        await gateway.DisposeAsync();
    }

    private Task<long> SmsAsync(string mobile) => harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Sms,
        NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese, mobile, NotificationsHarness.Ack("PR-2026-000777")));

    [Fact]
    public async Task An_sms_reaches_the_gateway_with_the_configured_account_signature_and_template_and_an_idempotency_key()
    {
        var id = await SmsAsync("+86 139 0000 1234");

        await harness.Dispatcher.RunAsync();

        var (path, body, key, apiKey) = Assert.Single(gateway.Requests);
        Assert.Equal("/sms/send", path);
        Assert.Equal(("privacy-ops", "云通信", "TPL-1001", "13900001234"),
            (body.GetProperty("account").GetString(), body.GetProperty("signature").GetString(), body.GetProperty("templateId").GetString(), body.GetProperty("mobile").GetString()));
        Assert.Contains("PR-2026-000777", body.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(($"outbox-{id}@privacy-portal", "test-key"), (key, apiKey));
        var row = Assert.Single(await harness.MessagesAsync());
        Assert.Equal((OutboxStatus.Sent, "139****1234"), (row.Status, row.RecipientMasked));
        Assert.DoesNotContain(harness.Log.Lines, l => l.Contains("13900001234", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_that_rejects_the_message_fails_it_at_once_and_a_busy_gateway_is_retried()
    {
        await SmsAsync("13900001111");
        await SmsAsync("13900002222");
        gateway.Answers.Enqueue(HttpStatusCode.BadRequest);
        gateway.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);

        await harness.Dispatcher.RunAsync();

        var rows = await harness.MessagesAsync();
        Assert.Equal((OutboxStatus.Failed, "sms gateway answered HTTP 400"), (rows[0].Status, rows[0].LastError));
        Assert.Equal((OutboxStatus.Pending, "sms gateway answered HTTP 503"), (rows[1].Status, rows[1].LastError));

        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await harness.Dispatcher.RunAsync();

        rows = await harness.MessagesAsync();
        Assert.Equal((OutboxStatus.Sent, 2), (rows[1].Status, rows[1].Attempts));
        Assert.Equal(OutboxStatus.Failed, rows[0].Status);
        Assert.Equal(3, gateway.Requests.Count);
    }

    [Fact]
    public async Task A_push_message_reaches_the_webhook_with_title_and_text()
    {
        await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Push, NotificationPurposes.Test, NotificationLanguages.English,
            "device-7f3a9c21", new Dictionary<string, string> { ["sent_by"] = "Wang Fang", ["sent_at"] = "27 Nov 2026, 10:30" }));

        await harness.Dispatcher.RunAsync();

        var (path, body, _, _) = Assert.Single(gateway.Requests);
        Assert.Equal("/push", path);
        Assert.Equal(("device-7f3a9c21", "Test message from the Privacy Portal"), (body.GetProperty("device").GetString(), body.GetProperty("title").GetString()));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await harness.MessagesAsync()).Status);
    }

    [Fact]
    public async Task An_announcement_is_published_once_even_when_its_message_is_dispatched_again()
    {
        var values = NotificationPurposes.Find(NotificationPurposes.IncidentAnnouncement)!.Samples(NotificationLanguages.Chinese);
        var id = await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Announcement, NotificationPurposes.IncidentAnnouncement,
            NotificationLanguages.Chinese, null, values));
        await harness.Dispatcher.RunAsync();

        // A second delivery of the same message (a dispatcher that crashed after publishing) publishes nothing new.
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending));
        }
        await harness.Dispatcher.RunAsync();

        var notices = await harness.Get<OutboxQueries>().NoticesAsync(NotificationLanguages.Chinese);
        var notice = Assert.Single(notices);
        Assert.Equal("关于部分用户联系信息可能泄露的公告", notice.Title);
        Assert.Contains("安全提示：", notice.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotificationChannel.Email, "not an address", "Validation.Email")]
    [InlineData(NotificationChannel.Sms, "12345", "Notifications.Error.Mobile")]
    [InlineData(NotificationChannel.Push, "", "Validation.Required")]
    [InlineData(NotificationChannel.Announcement, "x@example.test", "Notifications.Error.Channel")]
    public async Task A_test_message_to_a_bad_address_is_refused_at_the_field_and_nothing_is_queued(NotificationChannel channel, string recipient, string error)
    {
        var (errors, id) = await harness.Get<OutboxQueries>().QueueTestAsync(new TestMessageInput(channel, NotificationLanguages.Chinese, recipient));

        Assert.Null(id);
        Assert.Equal(error, errors.Values.Single());
        Assert.Empty(await harness.MessagesAsync());
    }

    [Fact]
    public async Task A_test_message_is_queued_audited_and_sent()
    {
        var (errors, id) = await harness.Get<OutboxQueries>().QueueTestAsync(new TestMessageInput(NotificationChannel.Sms, NotificationLanguages.Chinese, "13700001234"));

        Assert.True(errors.IsValid);
        await harness.Dispatcher.RunAsync();
        var (_, body, _, _) = Assert.Single(gateway.Requests);
        Assert.Contains("这是一条测试消息", body.GetProperty("content").GetString(), StringComparison.Ordinal);
        await using var db = harness.Database.CreateDbContext();
        var audited = await db.AuditEvents.SingleAsync(e => e.Action == NotificationAuditActions.TestQueued);
        Assert.Equal(id.ToString(), audited.TargetId);
        Assert.DoesNotContain("13700001234", audited.Detail ?? "", StringComparison.Ordinal);
    }
}
