using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>
/// The anonymous delivery page's protections that sit outside the service: a fixed window of requests per client
/// address (so the six-digit code cannot be guessed across many links), and keeping the link's token out of the
/// request log.
/// </summary>
public sealed class DeliveryGuard : IDisposable
{
    public const string LoggedPath = "/delivery/(link)";

    private readonly PartitionedRateLimiter<string> limiter;

    public DeliveryGuard(IOptions<VerificationOptions> options)
    {
        var perMinute = Math.Max(1, options.Value.DeliveryRequestsPerMinute);
        limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>False when this address has used up its requests for the current minute.</summary>
    public bool TryEnter(HttpContext context)
    {
        // After UseForwardedHeaders: the caller's address, not the load balancer's.
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = limiter.AttemptAcquire(ip);
        return lease.IsAcquired;
    }

    /// <summary>
    /// The request log writes the path when the request completes: the token is swapped out first, so the log
    /// never holds a working link. For pages, which still render from the path: when the response starts.
    /// </summary>
    public static void KeepTokenOutOfLog(HttpContext context) =>
        // When the response starts, nothing downstream reads the path any more.
        context.Response.OnStarting(() =>
        {
            Redact(context);
            return Task.CompletedTask;
        });

    /// <summary>At once: for endpoints that have read what they need from the path.</summary>
    public static void Redact(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestFeature>() is { } request)
        {
            request.Path = LoggedPath;
            request.RawTarget = LoggedPath;
            request.QueryString = "";
        }
    }

    public void Dispose() => limiter.Dispose();
}
