using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Notifications;

/// <summary>Mail written to disk when there is no relay: whole messages in clear, so kept close and not for long.</summary>
public sealed class MailPickupTests
{
    [Fact]
    public async Task Mail_in_the_pickup_folder_is_readable_by_the_portal_user_only()
    {
        await using var harness = await NotificationsHarness.CreateAsync();
        var id = await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.RequestAcknowledgement,
            NotificationLanguages.Chinese, "subject-001@example.test", NotificationsHarness.Ack("PR-2026-000001")));

        Assert.Equal(1, (await harness.Dispatcher.RunAsync()).Sent);

        var pickup = harness.Get<MailPickupFolder>();
        var file = Path.Combine(pickup.Path, $"outbox-{id}.eml");
        Assert.Contains("PR-2026-000001", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(pickup.Path));
        }
    }

    [Fact]
    public void Production_refuses_the_pickup_folder_unless_a_relay_is_set_or_it_is_explicitly_allowed()
    {
        var production = new TestHostEnvironment { EnvironmentName = "Production" };

        var refused = Assert.Throws<InvalidOperationException>(() => MailPickupFolder.CheckAllowed(new EmailChannelOptions(), production));

        Assert.Contains("Notifications:Email:AllowPickupFolder", refused.Message, StringComparison.Ordinal);
        MailPickupFolder.CheckAllowed(new EmailChannelOptions { AllowPickupFolder = true }, production);
        MailPickupFolder.CheckAllowed(new EmailChannelOptions { Host = "smtp.example.test" }, production);
        MailPickupFolder.CheckAllowed(new EmailChannelOptions(), new TestHostEnvironment { EnvironmentName = "Development" });
    }

    [Fact]
    public async Task Mail_written_to_the_pickup_folder_is_not_called_delivered()
    {
        await using var harness = await NotificationsHarness.CreateAsync();
        await harness.Outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Email, NotificationPurposes.RequestAcknowledgement,
            NotificationLanguages.Chinese, "subject-002@example.test", NotificationsHarness.Ack("PR-2026-000002"), CorrelationId: "request:2:ack"));
        Assert.Equal(1, (await harness.Dispatcher.RunAsync()).Sent);

        var status = harness.Get<MessageStatusService>();
        var row = Assert.Single(await status.ForAsync("request:2:"));
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal("Notifications.Reason.PickupOnly", row.ReasonKey);
        Assert.False(row.Delivered);
        Assert.Contains((NotificationChannel.Email, ChannelReadiness.PickupOnly), status.UnreadyChannels());
    }

    [Fact]
    public async Task The_portal_in_production_without_a_relay_does_not_start()
    {
        await using var app = new PortalAppFactory(environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Security:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        });

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(MailPickupFolder.RefusedMessage, refused.ToString(), StringComparison.Ordinal);
    }
}
