using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Foundation.Notifications;

public sealed record DispatchSummary(int Claimed, int Sent, int Retrying, int Failed, int Deferred)
{
    public static readonly DispatchSummary None = new(0, 0, 0, 0, 0);

    public DispatchSummary Add(DispatchSummary other) =>
        new(Claimed + other.Claimed, Sent + other.Sent, Retrying + other.Retrying, Failed + other.Failed, Deferred + other.Deferred);
}

/// <summary>
/// Sends what the outbox holds. Rows are claimed with a conditional update (only rows still due, or whose
/// claim's lease ran out, change hands), so two dispatchers never hold the same row. A row marked Sent is never
/// claimed again; a row whose dispatcher died mid-batch is claimed once its lease ends and sent once more, with
/// the same Message-ID.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<PortalDbContext> contexts,
    IEnumerable<INotificationSender> senders,
    RecipientProtector protector,
    MessageSecrets secrets,
    ChannelThrottle throttle,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    private OutboxOptions Outbox => options.Value.Outbox;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Drains due messages batch by batch until none is left or the run's budget is spent.</summary>
    public async Task<DispatchSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        await ExpireSecretsAsync(cancellationToken);
        var total = DispatchSummary.None;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < Outbox.RunBudget)
        {
            var batch = await DispatchBatchAsync(cancellationToken);
            total = total.Add(batch);
            if (batch.Claimed == 0)
            {
                break;
            }
        }
        if (total.Claimed > 0)
        {
            logger.LogInformation("Outbox run: {Claimed} claimed, {Sent} sent, {Retrying} to retry, {Failed} failed, {Deferred} deferred",
                total.Claimed, total.Sent, total.Retrying, total.Failed, total.Deferred);
        }
        return total;
    }

    /// <summary>Sends the urgent messages that are due (codes), and nothing else; what the look-out between runs calls.</summary>
    public async Task<DispatchSummary> RunUrgentAsync(CancellationToken cancellationToken = default)
    {
        var total = DispatchSummary.None;
        DispatchSummary batch;
        do
        {
            batch = await DispatchBatchAsync(OutboxPriority.Urgent, cancellationToken);
            total = total.Add(batch);
        }
        while (batch.Claimed > 0);
        return total;
    }

    /// <summary>Claims one batch, most urgent first, and sends it.</summary>
    public Task<DispatchSummary> DispatchBatchAsync(CancellationToken cancellationToken = default) => DispatchBatchAsync(OutboxPriority.Campaign, cancellationToken);

    private async Task<DispatchSummary> DispatchBatchAsync(OutboxPriority upTo, CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid().ToString("N");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var claimed = await ClaimAsync(db, claim, upTo, cancellationToken);
        if (claimed.Count == 0)
        {
            return DispatchSummary.None;
        }

        int sent = 0, retrying = 0, failed = 0, deferred = 0;
        foreach (var group in claimed.GroupBy(m => m.Channel).OrderBy(g => g.Min(m => m.Priority)))
        {
            var sender = senders.FirstOrDefault(s => s.Channel == group.Key);
            if (sender is null)
            {
                foreach (var row in group)
                {
                    await FailAsync(db, row, claim, $"No sender for channel {group.Key}", permanent: true, cancellationToken);
                    failed++;
                }
                continue;
            }
            await using var session = await sender.OpenAsync(cancellationToken);
            NotificationSendException? down = null;
            foreach (var row in group)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (down is not null)
                {
                    // The relay is down: the rest of the batch waits for the next try without using up one of theirs.
                    await DeferAsync(db, row, claim, down.Reason, cancellationToken);
                    deferred++;
                    continue;
                }
                if (row.SecretsExpireUtc is { } expires && (expires <= Now || row.SecretsProtected is null))
                {
                    await FailAsync(db, row, claim, SecretsExpired, permanent: true, cancellationToken);
                    failed++;
                    continue;
                }
                await throttle.WaitAsync(row.Channel, cancellationToken);
                string? error = null;
                var permanent = false;
                try
                {
                    await session.SendAsync(ToOutgoing(row), cancellationToken);
                }
                catch (NotificationSendException e)
                {
                    (error, permanent) = (e.Reason, e.Permanent);
                    down = e.ChannelDown ? e : null;
                }
                catch (CryptographicException)
                {
                    (error, permanent) = ("The recipient or the secrets cannot be decrypted (data-protection key missing)", true);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Outbox message {OutboxId}: unexpected error from the {Channel} sender", row.Id, row.Channel);
                    error = $"Unexpected error: {e.GetType().Name}";
                }

                if (error is null)
                {
                    await MarkSentAsync(db, row, claim, cancellationToken);
                    sent++;
                }
                else if (await FailAsync(db, row, claim, error, permanent, cancellationToken))
                {
                    failed++;
                }
                else
                {
                    retrying++;
                }
            }
        }
        return new DispatchSummary(claimed.Count, sent, retrying, failed, deferred);
    }

    private static Expression<Func<OutboxMessage, bool>> Due(DateTime now) => m =>
        (m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now)
        || (m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now);

    /// <summary>
    /// Picks the most urgent due rows first, one index range per priority: rows a dead dispatcher left behind, then
    /// codes, answers to people, staff alerts, and last a slice of at most <see cref="OutboxOptions.CampaignSliceSize"/>
    /// campaign rows. <paramref name="upTo"/> stops the look at a priority (the urgent look-out claims codes only).
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(PortalDbContext db, string claim, OutboxPriority upTo, CancellationToken cancellationToken)
    {
        var now = Now;
        var set = db.Set<OutboxMessage>().AsNoTracking();
        var limit = Math.Max(1, Outbox.BatchSize);
        var candidates = await set.Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntilUtc < now && m.Priority <= upTo)
            .OrderBy(m => m.Priority).ThenBy(m => m.Id).Select(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        for (var priority = OutboxPriority.Urgent; priority <= upTo && candidates.Count < limit; priority++)
        {
            var take = (priority == OutboxPriority.Campaign ? Math.Min(limit, Math.Max(1, Outbox.CampaignSliceSize)) : limit) - candidates.Count;
            if (take <= 0)
            {
                break;
            }
            var level = priority;
            candidates.AddRange(await set.Where(m => m.Status == OutboxStatus.Pending && m.Priority == level && m.NextAttemptUtc <= now)
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id).Select(m => m.Id).Take(take).ToListAsync(cancellationToken));
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        // The WHERE repeats the due test: a row another dispatcher claimed in between no longer matches.
        var leaseUntil = now + Outbox.ClaimLease;
        await db.Set<OutboxMessage>().Where(m => candidates.Contains(m.Id)).Where(Due(now)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending)
            .SetProperty(m => m.ClaimToken, claim)
            .SetProperty(m => m.LeaseUntilUtc, leaseUntil)
            .SetProperty(m => m.LastAttemptUtc, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        return await set.Where(m => m.ClaimToken == claim && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.Priority).ThenBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private const string SecretsExpired = "Not sent: its one-time code or link expired first";

    private OutgoingMessage ToOutgoing(OutboxMessage row)
    {
        var (subject, body) = row.SecretsProtected is null ? (row.Subject, row.Body) : secrets.Reveal(row.SecretsProtected, row.Subject, row.Body);
        return new(
            row.Id,
            row.Channel,
            row.RecipientProtected is null ? null : protector.Unprotect(row.RecipientProtected),
            row.Language,
            row.Purpose,
            subject,
            body);
    }

    /// <summary>A code or link that outlived its validity is no use to anyone: the waiting message fails and its secrets go.</summary>
    private async Task ExpireSecretsAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = await db.Set<OutboxMessage>()
            .Where(m => m.SecretsExpireUtc <= now && m.SecretsProtected != null && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.SecretsProtected, (string?)null)
                .SetProperty(m => m.LastError, SecretsExpired), cancellationToken);
        if (expired > 0)
        {
            logger.LogWarning("Outbox: {Count} messages not sent before their one-time code or link expired", expired);
        }
    }

    private async Task MarkSentAsync(PortalDbContext db, OutboxMessage row, string claim, CancellationToken cancellationToken)
    {
        var now = Now;
        var marked = await db.Set<OutboxMessage>().Where(m => m.Id == row.Id && m.ClaimToken == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAtUtc, now)
                .SetProperty(m => m.SecretsProtected, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null), cancellationToken);
        if (marked == 0)
        {
            // Our lease ran out and another dispatcher took the row over: it will record its own outcome.
            logger.LogWarning("Outbox message {OutboxId} was sent after its claim had been taken over", row.Id);
        }
        else
        {
            logger.LogDebug("Outbox message {OutboxId} sent by {Channel}", row.Id, row.Channel);
        }
    }

    /// <summary>Records a failed try; true when the message is now Failed for good.</summary>
    private async Task<bool> FailAsync(PortalDbContext db, OutboxMessage row, string claim, string reason, bool permanent, CancellationToken cancellationToken)
    {
        var final = permanent || row.Attempts >= Outbox.MaxAttempts;
        var next = Now + Backoff(row.Attempts);
        var status = final ? OutboxStatus.Failed : OutboxStatus.Pending;
        reason = Truncate(reason);
        await db.Set<OutboxMessage>().Where(m => m.Id == row.Id && m.ClaimToken == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.SecretsProtected, m => final ? null : m.SecretsProtected)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, reason), cancellationToken);
        logger.LogWarning("Outbox message {OutboxId} try {Attempt} by {Channel} failed ({Outcome}): {Reason}",
            row.Id, row.Attempts, row.Channel, final ? "failed" : "will retry", reason);
        return final;
    }

    private async Task DeferAsync(PortalDbContext db, OutboxMessage row, string claim, string reason, CancellationToken cancellationToken)
    {
        // Not tried: give back the attempt the claim counted, and wait as long as the message that did fail.
        var next = Now + Backoff(Math.Max(1, row.Attempts - 1));
        reason = Truncate(reason);
        await db.Set<OutboxMessage>().Where(m => m.Id == row.Id && m.ClaimToken == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null)
                .SetProperty(m => m.LastError, reason), cancellationToken);
    }

    /// <summary>Exponential: base × 2^(attempt−1), capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = Outbox.RetryBaseDelay.TotalMilliseconds * factor;
        return TimeSpan.FromMilliseconds(Math.Min(delay, Outbox.RetryMaxDelay.TotalMilliseconds));
    }

    private static string Truncate(string reason) => reason.Length <= 500 ? reason : reason[..500];
}

/// <summary>Messages per second per channel, shared by every batch of this instance.</summary>
public sealed class ChannelThrottle(IOptions<NotificationsOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<NotificationChannel, RateLimiter?> limiters = new();

    public async ValueTask WaitAsync(NotificationChannel channel, CancellationToken cancellationToken)
    {
        var limiter = limiters.GetOrAdd(channel, c =>
        {
            var rate = options.Value.Outbox.MessagesPerSecond.GetValueOrDefault(c);
            return rate <= 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate,
                TokensPerPeriod = rate,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        });
        if (limiter is null)
        {
            return;
        }
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter?.Dispose();
        }
    }
}

/// <summary>
/// Between the minute-by-minute runs, looks every <see cref="OutboxOptions.UrgentPollInterval"/> for due codes and sends
/// them: one indexed query when there are none. Claims make it safe beside the job and on every instance.
/// </summary>
public sealed class UrgentOutboxLookout(OutboxDispatcher dispatcher, IOptions<NotificationsOptions> options, ILogger<UrgentOutboxLookout> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Outbox.UrgentPollInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await dispatcher.RunUrgentAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is busy or down: the next tick, or the minute's run, tries again.
                logger.LogWarning(e, "Urgent outbox look-out failed; trying again in {Interval}", interval);
            }
        }
    }
}

/// <summary>The recurring sweep (scheduled by FoundationModule): safe to run on several instances at once, or twice.</summary>
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher)
{
    // A failed run needs no Hangfire retry: the next scheduled run picks up whatever is still due.
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => dispatcher.RunAsync(cancellationToken);
}
