using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PrivacyPortal.Security;

namespace PrivacyPortal.Components.Account;

/// <summary>
/// What stands in front of the password check: failed sign-ins per client address and per account within a window
/// (Security:SignIn), so a script cannot try passwords at the speed of the network, and one audit event per burst
/// instead of one per attempt. Also spends the time of a password check where none happens, so an unknown,
/// disabled or locked account answers as fast as a wrong password.
/// </summary>
internal sealed class SignInGuard : IDisposable
{
    public const string AddressLimit = "address";
    public const string AccountLimit = "account";

    private readonly PartitionedRateLimiter<string> limiter;
    private readonly TimeSpan window;
    private readonly TimeProvider time;
    private readonly Dictionary<string, long> recordedWindows = [];
    private string? decoyHash;

    public SignInGuard(IOptions<SecurityOptions> options, TimeProvider time)
    {
        var limits = options.Value.SignIn;
        this.time = time;
        window = TimeSpan.FromMinutes(Math.Max(1, limits.WindowMinutes));
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, key.StartsWith(AddressLimit, StringComparison.Ordinal) ? limits.FailuresPerAddress : limits.FailuresPerAccount),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Which limit this attempt has run into ("address" or "account"), or null when it may go ahead.</summary>
    public string? Refusal(HttpContext context, string account)
    {
        foreach (var key in Keys(context, account))
        {
            // Zero permits: asks whether any are left without spending one.
            using var lease = limiter.AttemptAcquire(key, 0);
            if (!lease.IsAcquired)
            {
                return key[..key.IndexOf(':', StringComparison.Ordinal)];
            }
        }
        return null;
    }

    /// <summary>Counts a failed sign-in against the address and the account typed.</summary>
    public void Failed(HttpContext context, string account)
    {
        foreach (var key in Keys(context, account))
        {
            using var lease = limiter.AttemptAcquire(key);
        }
    }

    /// <summary>True for the first refusal of this address (or account) in the current window: that one is audited.</summary>
    public bool FirstRefusalInWindow(HttpContext context, string account, string limit)
    {
        var key = Keys(context, account).Single(k => k.StartsWith(limit + ":", StringComparison.Ordinal));
        var current = time.GetUtcNow().UtcTicks / window.Ticks;
        lock (recordedWindows)
        {
            if (recordedWindows.TryGetValue(key, out var recorded) && recorded == current)
            {
                return false;
            }
            foreach (var old in recordedWindows.Where(e => e.Value < current).Select(e => e.Key).ToList())
            {
                recordedWindows.Remove(old);
            }
            recordedWindows[key] = current;
            return true;
        }
    }

    /// <summary>Runs the password hasher on a hash that matches nothing: the cost of a real check, for answers that skip it.</summary>
    public void SpendPasswordCheck(IPasswordHasher<StaffUser> hasher, string password)
    {
        var user = new StaffUser();
        decoyHash ??= hasher.HashPassword(user, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(user, decoyHash, password);
    }

    private static string[] Keys(HttpContext context, string account) =>
    [
        // After UseForwardedHeaders: the caller's address, or the proxy's when no proxy is configured.
        AddressLimit + ":" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
        AccountLimit + ":" + account.Trim().ToUpperInvariant(),
    ];

    public void Dispose() => limiter.Dispose();
}
