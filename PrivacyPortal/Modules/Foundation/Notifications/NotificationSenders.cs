using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>What a channel gets to send: the rendered row with its recipient decrypted, for this one try.</summary>
public sealed record OutgoingMessage(long Id, NotificationChannel Channel, string? Recipient, string Language, string Purpose, string Subject, string Body)
{
    public string MessageId => NotificationOutbox.MessageId(Id);
}

/// <summary>
/// A try that failed. <paramref name="Reason"/> is stored and shown: status codes and error kinds, never an
/// address. <paramref name="Permanent"/> failures (a rejected mailbox, a 4xx from a gateway) are not retried.
/// </summary>
public sealed class NotificationSendException(string reason, bool permanent = false, Exception? inner = null, bool channelDown = false) : Exception(reason, inner)
{
    public string Reason { get; } = Masking.Scrub(reason);

    public bool Permanent { get; } = permanent;

    /// <summary>The relay or gateway itself is unreachable: the rest of the batch waits instead of trying one by one.</summary>
    public bool ChannelDown { get; } = channelDown;
}

public interface INotificationSender
{
    NotificationChannel Channel { get; }

    /// <summary>One session per dispatch batch, so a connection (SMTP) is reused across its messages.</summary>
    Task<INotificationSession> OpenAsync(CancellationToken cancellationToken);
}

public interface INotificationSession : IAsyncDisposable
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>SMS through the company's own platform (HTTP gateway).</summary>
public sealed class SmsSender(IHttpClientFactory clients, IOptions<NotificationsOptions> options) : INotificationSender
{
    public const string ClientName = "notifications-sms";

    public NotificationChannel Channel => NotificationChannel.Sms;

    public Task<INotificationSession> OpenAsync(CancellationToken cancellationToken)
    {
        var sms = options.Value.Sms;
        return Task.FromResult<INotificationSession>(new HttpSession(clients.CreateClient(ClientName), sms.Url, sms.ApiKey, "sms", m => new
        {
            account = sms.Account,
            signature = sms.Signature,
            templateId = sms.TemplateId,
            mobile = m.Recipient,
            content = m.Body,
            requestId = m.MessageId,
        }));
    }
}

/// <summary>App push through the push platform's webhook.</summary>
public sealed class PushSender(IHttpClientFactory clients, IOptions<NotificationsOptions> options) : INotificationSender
{
    public const string ClientName = "notifications-push";

    public NotificationChannel Channel => NotificationChannel.Push;

    public Task<INotificationSession> OpenAsync(CancellationToken cancellationToken)
    {
        var push = options.Value.Push;
        return Task.FromResult<INotificationSession>(new HttpSession(clients.CreateClient(ClientName), push.WebhookUrl, push.ApiKey, "push", m => new
        {
            id = m.MessageId,
            device = m.Recipient,
            language = m.Language,
            title = m.Subject,
            body = m.Body,
        }));
    }
}

internal sealed class HttpSession(HttpClient client, string url, string apiKey, string name, Func<OutgoingMessage, object> payload) : INotificationSession
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new NotificationSendException($"The {name} gateway is not configured (Notifications:{(name == "sms" ? "Sms:Url" : "Push:WebhookUrl")}).", channelDown: true);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload(message)) };
        // The gateway can drop a repeat of a message it already accepted (a retry after a lost answer).
        request.Headers.TryAddWithoutValidation("Idempotency-Key", message.MessageId);
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        }
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationSendException($"{name} gateway unreachable: {e.HttpRequestError}", inner: e, channelDown: true);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationSendException($"{name} gateway timed out", inner: e, channelDown: true);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            var code = (int)response.StatusCode;
            // A 4xx says this message will never be accepted (bad number, blocked content); timeouts and
            // throttling (408, 429) and 5xx are worth another try.
            var permanent = code is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            throw new NotificationSendException($"{name} gateway answered HTTP {code}", permanent);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Publishes on the public /notices page. The notice is keyed by its outbox id: a repeat publishes nothing new.</summary>
public sealed class AnnouncementSender(IDbContextFactory<PortalDbContext> contexts, TimeProvider time) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Announcement;

    public Task<INotificationSession> OpenAsync(CancellationToken cancellationToken) =>
        Task.FromResult<INotificationSession>(new AnnouncementSession(contexts, time));
}

internal sealed class AnnouncementSession(IDbContextFactory<PortalDbContext> contexts, TimeProvider time) : INotificationSession
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (await PublishedAsync(message.Id, cancellationToken))
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(new PublicNotice
        {
            OutboxMessageId = message.Id,
            Language = message.Language,
            Title = message.Subject,
            Body = message.Body,
            PublishedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Published by another dispatcher holding the same message: done either way.
            if (!await PublishedAsync(message.Id, cancellationToken))
            {
                throw new NotificationSendException("The notice could not be published");
            }
        }
    }

    private async Task<bool> PublishedAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<PublicNotice>().AnyAsync(n => n.OutboxMessageId == id, cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
