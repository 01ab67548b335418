using System.Globalization;
using System.Text;
using MimeKit;
using netDumbster.smtp;
using PrivacyPortal.Modules.Foundation.Notifications;

namespace PrivacyPortal.Tests.Notifications;

/// <summary>One-time codes and access links: in the message the person gets, never readable in the outbox.</summary>
public sealed class OutboxSecretsTests : IAsyncLifetime
{
    private const string Code = "605118";
    private const string Link = "https://privacy.example.test/delivery/Zq3v9TtYw0mR2kP7xL4cB8nH1sD6fG5jA0eU3iO9yW2";

    private readonly int port = NotificationsHarness.FreePort();
    private NotificationsHarness harness = default!;
    private SimpleSmtpServer? smtp;

    public async Task InitializeAsync()
    {
        harness = await NotificationsHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:From"] = "privacy@portal.test",
        });
        smtp = SimpleSmtpServer.Start(port);
    }

    public async Task DisposeAsync()
    {
        smtp?.Dispose();
        await harness.DisposeAsync();
    }

    private DateTime Now => harness.Clock.GetUtcNow().UtcDateTime;

    private Task<long> CodeAsync() => harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.VerificationCode,
        NotificationLanguages.Chinese, "caller@example.test",
        new Dictionary<string, string> { ["code"] = Code, ["minutes"] = "10", ["case_number"] = "PR-2026-000123", ["hotline"] = "400-820-1234" },
        SecretsValidUntilUtc: Now.AddMinutes(10)));

    private Task<long> LinkAsync() => harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.AccessDelivery,
        NotificationLanguages.English, "person@example.test",
        new Dictionary<string, string> { ["case_number"] = "PR-2026-000124", ["link"] = Link, ["code"] = Code, ["expires"] = "2026-12-04 10:00", ["hotline"] = "400-820-1234" },
        SecretsValidUntilUtc: Now.AddDays(7)));

    private List<MimeMessage> Received() =>
        smtp?.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList() ?? [];

    [Fact]
    public async Task A_code_reaches_the_person_but_the_outbox_keeps_it_only_masked_and_encrypted_until_sent()
    {
        var id = await CodeAsync();

        var queued = Assert.Single(await harness.MessagesAsync());
        Assert.DoesNotContain(Code, queued.Body, StringComparison.Ordinal);
        Assert.Contains("您的身份验证码为 ••••••，10 分钟内有效", queued.Body, StringComparison.Ordinal);
        Assert.NotNull(queued.SecretsProtected);
        Assert.DoesNotContain(Code, queued.SecretsProtected, StringComparison.Ordinal);
        var shown = await harness.Get<OutboxQueries>().GetAsync(id);
        Assert.DoesNotContain(Code, shown!.Body, StringComparison.Ordinal);

        Assert.Equal(1, (await harness.Dispatcher.RunAsync()).Sent);

        var mail = Assert.Single(Received());
        Assert.Contains($"您的身份验证码为 {Code}，10 分钟内有效", mail.TextBody, StringComparison.Ordinal);
        var sent = Assert.Single(await harness.MessagesAsync());
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Null(sent.SecretsProtected);
        Assert.DoesNotContain(Code, sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Log.Lines, l => l.Contains(Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_access_link_and_its_code_survive_retries_are_delivered_once_and_then_erased()
    {
        smtp!.Stop();
        smtp.Dispose();
        smtp = null;
        var id = await LinkAsync();

        Assert.Equal(1, (await harness.Dispatcher.RunAsync()).Retrying);
        var waiting = Assert.Single(await harness.MessagesAsync());
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.NotNull(waiting.SecretsProtected);
        Assert.DoesNotContain("/delivery/", waiting.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, waiting.Body, StringComparison.Ordinal);

        smtp = SimpleSmtpServer.Start(port);
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        await harness.Dispatcher.RunAsync();
        await harness.Dispatcher.RunAsync();

        var mail = Assert.Single(Received());
        Assert.Equal($"outbox-{id}@privacy-portal", mail.MessageId);
        Assert.Contains(Link, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"You will need the code {Code}.", mail.TextBody, StringComparison.Ordinal);
        var sent = Assert.Single(await harness.MessagesAsync());
        Assert.Equal((OutboxStatus.Sent, (string?)null), (sent.Status, sent.SecretsProtected));
        Assert.Contains("from:\n\n••••••\n\nYou will need the code ••••••.", sent.Body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_not_sent_before_it_expires_is_never_sent_and_its_secret_is_erased()
    {
        smtp!.Stop();
        smtp.Dispose();
        smtp = null;
        await CodeAsync();
        await harness.Dispatcher.RunAsync();

        smtp = SimpleSmtpServer.Start(port);
        harness.Clock.Advance(TimeSpan.FromMinutes(11));
        await harness.Dispatcher.RunAsync();

        Assert.Empty(Received());
        var row = Assert.Single(await harness.MessagesAsync());
        Assert.Equal((OutboxStatus.Failed, (string?)null), (row.Status, row.SecretsProtected));
        Assert.Contains("expired", row.LastError, StringComparison.Ordinal);
    }
}
