using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PrivacyPortal.Tests.Connectors;

/// <summary>
/// A system's privacy API, as a system team would write it from docs/connectors-http.md: a real Kestrel server on
/// loopback that checks the timestamp and the HMAC signature itself (not with the portal's code) before answering.
/// </summary>
public sealed class HttpSystemStub : IAsyncDisposable
{
    public const string Secret = "stub-shared-secret-7f3a9c21";

    private readonly WebApplication app;
    private readonly Func<DateTimeOffset> now;

    private HttpSystemStub(WebApplication app, Func<DateTimeOffset> now)
    {
        this.app = app;
        this.now = now;
    }

    public string BaseUrl => app.Urls.First();

    /// <summary>Every request that reached the stub, signed or not: path and body.</summary>
    public ConcurrentQueue<(string Operation, string Timestamp, JsonElement Body)> Requests { get; } = new();

    public int Calls(string operation) => Requests.Count(r => r.Operation == operation);

    /// <summary>What the system answers to a correctly signed request; the default is a healthy system.</summary>
    public Func<HttpContext, string, JsonElement, Task> Respond { get; set; } = DefaultAsync;

    public static async Task<HttpSystemStub> StartAsync(Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new HttpSystemStub(app, now);
        app.MapPost("/privacy/{operation}", stub.HandleAsync);
        await app.StartAsync();
        return stub;
    }

    private async Task HandleAsync(HttpContext http, string operation)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var timestamp = http.Request.Headers["X-Privacy-Timestamp"].ToString();
        var signature = http.Request.Headers["X-Privacy-Signature"].ToString();
        using var json = JsonDocument.Parse(body);
        Requests.Enqueue((operation, timestamp, json.RootElement.Clone()));

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || Math.Abs(now().ToUnixTimeSeconds() - seconds) > 300)
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsync("stale or missing timestamp");
            return;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Signature(Secret, timestamp, body))))
        {
            http.Response.StatusCode = 401;
            await http.Response.WriteAsync("bad signature");
            return;
        }
        await Respond(http, operation, json.RootElement.Clone());
    }

    /// <summary>The documented signature, computed independently of the portal's HttpConnectorProtocol.</summary>
    public static string Signature(string secret, string timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + string.Concat(hmac.ComputeHash(signed).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    public static Task DefaultAsync(HttpContext http, string operation, JsonElement body) => operation switch
    {
        "find" => http.Response.WriteAsJsonAsync(new { categories = new Dictionary<string, long> { ["contact"] = 3, ["device-usage"] = 2 } }),
        "export" => StreamAsync(http,
        [
            """{"category":"contact","source":"crm.users","fields":{"email":"zhang.wei@example.com","mobile":"13800000000"}}""",
            """{"category":"device-usage","source":"crm.logins","fields":{"ip":"192.0.2.10","at":"2026-11-20T08:00:00Z","count":7,"note":null}}""",
        ]),
        "erase" => http.Response.WriteAsJsonAsync(new { erased = 5 }),
        _ => Task.CompletedTask,
    };

    /// <summary>Writes a JSON array one record at a time, flushing each, optionally waiting after <paramref name="pauseAfter"/> records.</summary>
    public static async Task StreamAsync(HttpContext http, IReadOnlyList<string> records, int pauseAfter = -1, Func<Task>? pause = null)
    {
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("[");
        await http.Response.Body.FlushAsync();
        for (var i = 0; i < records.Count; i++)
        {
            if (i == pauseAfter && pause is not null)
            {
                await pause();
            }
            await http.Response.WriteAsync((i > 0 ? "," : "") + records[i]);
            await http.Response.Body.FlushAsync();
        }
        await http.Response.WriteAsync("]");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
