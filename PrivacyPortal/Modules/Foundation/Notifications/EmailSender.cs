using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using PrivacyPortal.Configuration;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>
/// E-mail over SMTP with one connection per dispatch batch; without a relay (Development), .eml files in the
/// pickup folder. The Message-ID is the outbox id, so a repeat after a crash is recognisable as the same mail.
/// </summary>
public sealed class EmailSender(IOptions<NotificationsOptions> options, MailPickupFolder pickup) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public Task<INotificationSession> OpenAsync(CancellationToken cancellationToken)
    {
        var email = options.Value.Email;
        INotificationSession session = string.IsNullOrWhiteSpace(email.Host)
            ? new PickupSession(email, pickup)
            : new SmtpSession(email);
        return Task.FromResult(session);
    }

    public static MimeMessage Compose(EmailChannelOptions email, OutgoingMessage message)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.Body },
        };
        mime.From.Add(new MailboxAddress(email.FromName, email.From));
        mime.To.Add(MailboxAddress.Parse(message.Recipient!));
        mime.Headers.Add("X-Portal-Purpose", message.Purpose);
        mime.Headers.Add(HeaderId.ContentLanguage, message.Language);
        return mime;
    }

    private sealed class PickupSession(EmailChannelOptions email, MailPickupFolder pickup) : INotificationSession
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            // Named by outbox id: a repeat overwrites the same file.
            await using var file = pickup.Create($"outbox-{message.Id}.eml");
            await Compose(email, message).WriteToAsync(file, cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class SmtpSession(EmailChannelOptions email) : INotificationSession
    {
        private readonly SmtpClient client = new() { Timeout = email.TimeoutSeconds * 1000 };

        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            var mime = Compose(email, message);
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(email.Host, email.Port, email.Security, cancellationToken);
                    if (!string.IsNullOrEmpty(email.UserName))
                    {
                        await client.AuthenticateAsync(email.UserName, email.Password, cancellationToken);
                    }
                }
                await client.SendAsync(mime, cancellationToken);
            }
            catch (SmtpCommandException e)
            {
                // 5xx for this recipient: the mailbox will not take it. Other command errors may pass later.
                var permanent = e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500;
                await ResetAsync();
                throw new NotificationSendException($"SMTP {(int)e.StatusCode} {e.ErrorCode}", permanent, e);
            }
            catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
                or MailKit.Security.AuthenticationException or SocketException or IOException or TimeoutException or ProtocolException)
            {
                await ResetAsync();
                throw new NotificationSendException($"SMTP {Kind(e)}", inner: e, channelDown: true);
            }
        }

        private static string Kind(Exception e) => e switch
        {
            SocketException s => $"connection failed ({s.SocketErrorCode})",
            IOException => "connection lost",
            TimeoutException => "timed out",
            MailKit.Security.AuthenticationException => "authentication refused",
            _ => e.GetType().Name,
        };

        private async Task ResetAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ProtocolException or SmtpCommandException or ServiceNotConnectedException)
            {
                // The connection is gone already; the next message opens a new one.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await ResetAsync();
            client.Dispose();
        }
    }
}

/// <summary>
/// The folder that takes e-mail when there is no relay. The files are whole messages in clear (codes included), so
/// the folder and its files are the portal user's alone (Unix 700 and 600), they are deleted when message bodies
/// expire (<c>Retention:PortalRecords:MessageBodyDays</c>), and Production uses the folder only when
/// <see cref="EmailChannelOptions.AllowPickupFolder"/> says so.
/// </summary>
public sealed class MailPickupFolder(IOptions<NotificationsOptions> options, IHostEnvironment environment)
{
    public const string RefusedMessage =
        "E-mail has no SMTP relay (Notifications:Email:Host is empty), and in Production the portal does not write mail to disk in clear. "
        + "Set Notifications:Email:Host, or set Notifications:Email:AllowPickupFolder to true to use the pickup folder anyway.";

    public string Path => PortalConfiguration.ResolvePath(environment.ContentRootPath, options.Value.Email.PickupDirectory);

    /// <summary>Throws with <see cref="RefusedMessage"/> when these settings would write mail to disk in Production without leave.</summary>
    public static void CheckAllowed(EmailChannelOptions email, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(email.Host) && !email.AllowPickupFolder && environment.IsProduction())
        {
            throw new InvalidOperationException(RefusedMessage);
        }
    }

    /// <summary>Creates (or replaces) a file only the portal's user can read.</summary>
    public FileStream Create(string name)
    {
        CheckAllowed(options.Value.Email, environment);
        var folder = Path;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var path = System.IO.Path.Combine(folder, name);
        var settings = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, settings);
        }
        settings.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(path, settings);
        // A file left by an earlier version keeps its old mode when it is replaced.
        File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }

    /// <summary>Deletes the mail files last written before <paramref name="cutoffUtc"/>; returns how many.</summary>
    public int DeleteOlderThan(DateTime cutoffUtc)
    {
        var folder = Path;
        if (!Directory.Exists(folder))
        {
            return 0;
        }
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoffUtc)
            {
                File.Delete(file);
                deleted++;
            }
        }
        return deleted;
    }
}
