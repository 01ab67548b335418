using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>The <c>Connectors:Http</c> section. Fractions of a second are allowed so tests can run in milliseconds.</summary>
public sealed class HttpConnectorOptions
{
    public const string Section = "Connectors:Http";

    /// <summary>One try may take this long to answer (headers), and an export stream may stay silent this long.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>All tries of one call together, backoff included.</summary>
    public double TotalTimeoutSeconds { get; set; } = 60;

    /// <summary>Tries after the first, for transient failures only (5xx, 408, 429, timeouts, connection errors).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff; doubled for each further retry, with jitter.</summary>
    public double RetryDelaySeconds { get; set; } = 1;

    internal bool IsValid =>
        AttemptTimeoutSeconds is >= 0.01 and <= 3600 && TotalTimeoutSeconds is >= 0.01 and <= 86_400 && MaxRetries is >= 0 and <= 10 && RetryDelaySeconds is >= 0 and <= 600;
}

/// <summary>
/// A system with an API (docs/connectors-http.md): HMAC-signed JSON POSTs to find, export and erase. Transient
/// failures are retried by the client's resilience pipeline; a refusal (4xx) is recorded at once with the
/// system's own words, scrubbed of contact values. Identifiers travel only in the signed body, never in a URL,
/// so HTTP logs and proxies never see them; this class logs status codes and counts, never a body.
/// </summary>
public sealed partial class HttpConnector(IHttpClientFactory clients, IOptions<HttpConnectorOptions> options, TimeProvider time, ILogger<HttpConnector> logger)
    : IConnector
{
    public const string ClientName = "connectors-http";

    internal static readonly HttpRequestOptionsKey<AttemptCounter> Attempts = new("PrivacyPortal.Connectors.Http.Attempts");

    private const int ErrorBodyChars = 200;
    private const int MaxErrorLength = 1000;

    public ConnectorKind Kind => ConnectorKind.Http;

    private TimeSpan AttemptTimeout => TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds);

    public async Task<FindOutcome> FindAsync(ConnectorTarget target, SubjectKeys subject, CancellationToken cancellationToken)
    {
        if (Misconfigured(target) is { } problem)
        {
            return FindOutcome.Failed(problem);
        }
        var call = await SendAsync(target, HttpConnectorProtocol.FindPath, 0, 0, subject, cancellationToken);
        if (call.Response is not { } response)
        {
            return FindOutcome.Failed(call.Error!);
        }
        using (response)
        {
            var answer = await ReadAnswerAsync(response, cancellationToken);
            if (answer.Error is not null)
            {
                return FindOutcome.Failed(Failed(target, "find", call.Attempts, answer.Error, "bad answer"));
            }
            if (answer.Root is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("categories", out var categories) || categories.ValueKind != JsonValueKind.Object)
            {
                return FindOutcome.Failed(Failed(target, "find", call.Attempts, """malformed find answer: expected {"categories":{"<category>":<count>}}""", "bad answer"));
            }
            var allowed = target.CategoryKeys.ToHashSet(StringComparer.Ordinal);
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var unknown = new List<string>();
            foreach (var category in categories.EnumerateObject())
            {
                if (category.Value.ValueKind != JsonValueKind.Number || !category.Value.TryGetInt64(out var count) || count < 0)
                {
                    return FindOutcome.Failed(Failed(target, "find", call.Attempts, $"malformed find answer: the count of '{Shown(category.Name)}' is not a whole number ≥ 0", "bad answer"));
                }
                if (!allowed.Contains(category.Name))
                {
                    unknown.Add(Shown(category.Name));
                    continue;
                }
                counts[category.Name] = count;
            }
            if (unknown.Count > 0)
            {
                return FindOutcome.Failed(Failed(target, "find", call.Attempts, UnknownCategories(unknown), "unknown category"));
            }
            LogDone(logger, "find", target.SystemId, counts.Values.Sum(), call.Attempts);
            return new FindOutcome(StepStatus.Done, counts);
        }
    }

    public async Task<StepOutcome> ExportAsync(ConnectorTarget target, SubjectKeys subject, IExportWriter writer, OperationStepRef step, CancellationToken cancellationToken)
    {
        if (Misconfigured(target) is { } problem)
        {
            return StepOutcome.Failed(problem);
        }
        var call = await SendAsync(target, HttpConnectorProtocol.ExportPath, step.OperationId, step.StepId, subject, cancellationToken);
        if (call.Response is not { } response)
        {
            return StepOutcome.Failed(call.Error!);
        }
        using (response)
        {
            var allowed = target.CategoryKeys.ToHashSet(StringComparer.Ordinal);
            long rows = 0;
            // The pipeline's timeouts end with the headers; a stream that goes silent is caught here instead.
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            silence.CancelAfter(AttemptTimeout);
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(silence.Token);
                await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, HttpConnectorProtocol.Json, silence.Token))
                {
                    if (!TryReadRecord(item, target, allowed, out var record, out var error))
                    {
                        return StepOutcome.Failed(Failed(target, "export", call.Attempts, $"{error} (after {rows} records)", "bad record"));
                    }
                    // Time spent writing the package is the portal's, not the system's silence.
                    silence.CancelAfter(Timeout.InfiniteTimeSpan);
                    await writer.WriteAsync(record.Category, record.Source, record.Fields, cancellationToken);
                    rows++;
                    silence.CancelAfter(AttemptTimeout);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return StepOutcome.Failed(Failed(target, "export", call.Attempts,
                    $"export stalled: no data for {Seconds(AttemptTimeout)} after {rows} records", "stalled"));
            }
            catch (JsonException e)
            {
                return StepOutcome.Failed(Failed(target, "export", call.Attempts,
                    $"malformed export answer after {rows} records (expected a JSON array of records): {Masking.Scrub(e.Message)}", "bad answer"));
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                return StepOutcome.Failed(Failed(target, "export", call.Attempts, $"export interrupted after {rows} records: {Masking.Scrub(e.Message)}", e.GetType().Name));
            }
            LogDone(logger, "export", target.SystemId, rows, call.Attempts);
            return new StepOutcome(StepStatus.Done, rows);
        }
    }

    public async Task<StepOutcome> EraseAsync(ConnectorTarget target, SubjectKeys subject, OperationStepRef step, CancellationToken cancellationToken)
    {
        if (Misconfigured(target) is { } problem)
        {
            return StepOutcome.Failed(problem);
        }
        var call = await SendAsync(target, HttpConnectorProtocol.ErasePath, step.OperationId, step.StepId, subject, cancellationToken);
        if (call.Response is not { } response)
        {
            return StepOutcome.Failed(call.Error!);
        }
        using (response)
        {
            var answer = await ReadAnswerAsync(response, cancellationToken);
            if (answer.Error is not null)
            {
                return StepOutcome.Failed(Failed(target, "erase", call.Attempts, answer.Error, "bad answer"));
            }
            if (answer.Root is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("erased", out var erased)
                || erased.ValueKind != JsonValueKind.Number || !erased.TryGetInt64(out var rows) || rows < 0)
            {
                return StepOutcome.Failed(Failed(target, "erase", call.Attempts, """malformed erase answer: expected {"erased":<count>}""", "bad answer"));
            }
            LogDone(logger, "erase", target.SystemId, rows, call.Attempts);
            return new StepOutcome(StepStatus.Done, rows);
        }
    }

    /// <summary>
    /// The client's pipeline, outermost first: a total timeout over everything, retries with exponential backoff
    /// and jitter for transient failures, and a timeout per try.
    /// </summary>
    internal static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<HttpConnectorOptions>>().Value;
        var log = services.GetRequiredService<ILogger<HttpConnector>>();
        // Network timeouts run on the wall clock even where the portal's own clock is moved by hand (tests, replays).
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TotalTimeoutSeconds));
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(settings.RetryDelaySeconds),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    LogRetry(log, args.AttemptNumber + 1, args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "?",
                        args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }
        pipeline.AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds));
    }

    /// <summary>Worth another try: the system may answer next time. Every other 4xx is the system's final word.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode code) => (int)code >= 500 || code is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private async Task<Call> SendAsync(ConnectorTarget target, string path, long operationId, long stepId, SubjectKeys subject, CancellationToken cancellationToken)
    {
        var operation = path[(path.LastIndexOf('/') + 1)..];
        var body = HttpConnectorProtocol.Body(operationId, stepId, subject);
        var timestamp = HttpConnectorProtocol.Timestamp(time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, target.BaseUrl!.TrimEnd('/') + path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(HttpConnectorProtocol.TimestampHeader, timestamp);
        request.Headers.TryAddWithoutValidation(HttpConnectorProtocol.SignatureHeader, HttpConnectorProtocol.Sign(target.Secret!, timestamp, body));
        var attempts = new AttemptCounter();
        request.Options.Set(Attempts, attempts);

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            var what = e.Timeout == AttemptTimeout ? $"no answer within {Seconds(e.Timeout)}" : $"gave up after {Seconds(e.Timeout)} in all";
            return Call.Failed(Failed(target, operation, attempts.Count, Unreachable(attempts.Count, what), "timeout"), attempts.Count);
        }
        catch (HttpRequestException e)
        {
            return Call.Failed(Failed(target, operation, attempts.Count, Unreachable(attempts.Count, $"{e.HttpRequestError}: {Masking.Scrub(e.Message)}"), e.HttpRequestError.ToString()),
                attempts.Count);
        }
        catch (OperationCanceledException)
        {
            return Call.Failed(Failed(target, operation, attempts.Count, Unreachable(attempts.Count, "timed out"), "timeout"), attempts.Count);
        }

        if (response.IsSuccessStatusCode)
        {
            return new Call(response, null, attempts.Count);
        }
        using (response)
        {
            var code = (int)response.StatusCode;
            var said = await ErrorTextAsync(response, cancellationToken);
            var text = string.IsNullOrEmpty(said) ? $"HTTP {code}" : $"HTTP {code} {said}";
            var error = IsTransient(response.StatusCode) ? Unreachable(attempts.Count, text) : $"refused: {text}";
            return Call.Failed(Failed(target, operation, attempts.Count, error, $"HTTP {code}"), attempts.Count);
        }
    }

    private static string Unreachable(int attempts, string what) => $"unreachable after {attempts} {(attempts == 1 ? "attempt" : "attempts")}: {what}";

    /// <summary>The first 200 characters of what the system said, on one line, with e-mail addresses and mobile numbers masked.</summary>
    private async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            silence.CancelAfter(AttemptTimeout);
            await using var stream = await response.Content.ReadAsStreamAsync(silence.Token);
            var buffer = new byte[4 * ErrorBodyChars * 2];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), silence.Token)) > 0)
            {
                read += n;
            }
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            // Cut first so the scrubbed text stays short; a value cut in half is masked as well as it can be.
            return Masking.Scrub(text.Length > ErrorBodyChars ? text[..ErrorBodyChars] : text);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return "";
        }
    }

    private async Task<(JsonElement? Root, string? Error)> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(AttemptTimeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(silence.Token);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: silence.Token);
            return (document.RootElement.Clone(), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"answer stalled: no data for {Seconds(AttemptTimeout)}");
        }
        catch (JsonException e)
        {
            return (null, $"malformed answer (not JSON): {Masking.Scrub(e.Message)}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (null, $"answer interrupted: {Masking.Scrub(e.Message)}");
        }
    }

    private static bool TryReadRecord(JsonElement item, ConnectorTarget target, HashSet<string> allowed, out ExportRecord record, out string error)
    {
        record = default!;
        if (item.ValueKind != JsonValueKind.Object)
        {
            error = "malformed export record: expected an object";
            return false;
        }
        if (!item.TryGetProperty("category", out var category) || category.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(category.GetString()))
        {
            error = "malformed export record: no \"category\"";
            return false;
        }
        var key = category.GetString()!;
        if (!allowed.Contains(key))
        {
            error = UnknownCategories([Shown(key)]);
            return false;
        }
        var source = item.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(s.GetString())
            ? s.GetString()!
            : target.SystemName;
        var fields = new List<KeyValuePair<string, string?>>();
        if (item.TryGetProperty("fields", out var values))
        {
            if (values.ValueKind != JsonValueKind.Object && values.ValueKind != JsonValueKind.Null)
            {
                error = "malformed export record: \"fields\" is not an object";
                return false;
            }
            if (values.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in values.EnumerateObject())
                {
                    fields.Add(new(field.Name, field.Value.ValueKind switch
                    {
                        JsonValueKind.String => field.Value.GetString(),
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        _ => field.Value.GetRawText(),
                    }));
                }
            }
        }
        record = new ExportRecord(key, source, fields);
        error = "";
        return true;
    }

    private static string UnknownCategories(IEnumerable<string> keys) =>
        $"the system sent categories the inventory does not list for it: {string.Join(", ", keys)}; add them to the system's categories or fix the system";

    /// <summary>A key from the system, safe to show: scrubbed and short.</summary>
    private static string Shown(string key) => Masking.Scrub(key.Length > 40 ? key[..40] + "…" : key);

    private static string? Misconfigured(ConnectorTarget target)
    {
        if (!Uri.TryCreate(target.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return "not configured: the system has no valid base URL (http:// or https://)";
        }
        return string.IsNullOrEmpty(target.Secret) ? "not configured: the system has no shared secret" : null;
    }

    private string Failed(ConnectorTarget target, string operation, int attempts, string error, string reasonForLog)
    {
        LogFailed(logger, operation, target.SystemId, attempts, reasonForLog);
        return error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    private sealed record ExportRecord(string Category, string Source, IReadOnlyList<KeyValuePair<string, string?>> Fields);

    private sealed record Call(HttpResponseMessage? Response, string? Error, int Attempts)
    {
        public static Call Failed(string error, int attempts) => new(null, error, attempts);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP connector {Operation} on system {SystemId} done: {Rows} rows, {Attempts} attempt(s)")]
    private static partial void LogDone(ILogger logger, string operation, int systemId, long rows, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP connector {Operation} on system {SystemId} failed after {Attempts} attempt(s): {Reason}")]
    private static partial void LogFailed(ILogger logger, string operation, int systemId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP connector retry {Attempt} after {Outcome}, waiting {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, int attempt, string outcome, double delayMs);
}

/// <summary>Tries made for one call, counted below the retry strategy.</summary>
internal sealed class AttemptCounter
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Increment() => Interlocked.Increment(ref count);
}

internal sealed class AttemptCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(HttpConnector.Attempts, out var attempts))
        {
            attempts.Increment();
        }
        return base.SendAsync(request, cancellationToken);
    }
}
