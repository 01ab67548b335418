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
public sealed class EmailSender(IOptions<NotificationsOptions> options, IHostEnvironment environment) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public Task<INotificationSession> OpenAsync(CancellationToken cancellationToken)
    {
        var email = options.Value.Email;
        INotificationSession session = string.IsNullOrWhiteSpace(email.Host)
            ? new PickupSession(email, PortalConfiguration.ResolvePath(environment.ContentRootPath, email.PickupDirectory))
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

    private sealed class PickupSession(EmailChannelOptions email, string folder) : INotificationSession
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(folder);
            // Named by outbox id: a repeat overwrites the same file.
            var path = Path.Combine(folder, $"outbox-{message.Id}.eml");
            await Compose(email, message).WriteToAsync(path, cancellationToken);
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
