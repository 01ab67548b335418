using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Notifications;

namespace PrivacyPortal.Tests.Connectors;

/// <summary>The HTTP connector against a real local system stub, with the portal's real client pipeline at millisecond settings.</summary>
public sealed class HttpConnectorTests : IAsyncLifetime
{
    private const string Phone = "13800000000";
    private const string Email = "zhang.wei@example.com";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    private readonly CapturingLog log = new();
    private ServiceProvider services = default!;
    private HttpSystemStub stub = default!;

    private static readonly SubjectKeys Subject = new(42, [new SubjectKey(IdentifierKind.Phone, Phone), new SubjectKey(IdentifierKind.Email, Email)]);

    private static readonly OperationStepRef ExportStep = new(7, 71, OperationKind.Export, "PR-2026-000123");
    private static readonly OperationStepRef EraseStep = new(8, 81, OperationKind.Erase, "PR-2026-000124");

    public async Task InitializeAsync()
    {
        stub = await HttpSystemStub.StartAsync(() => clock.GetUtcNow());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Http:AttemptTimeoutSeconds"] = "0.5",
            ["Connectors:Http:TotalTimeoutSeconds"] = "10",
            ["Connectors:Http:MaxRetries"] = "2",
            ["Connectors:Http:RetryDelaySeconds"] = "0.01",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        // The portal's clock is far from the wall clock: signatures use it, network timeouts must not.
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddHttpAndManualConnectors(configuration);
        services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await stub.DisposeAsync();
    }

    private IConnector Connector => services.GetRequiredService<HttpConnector>();

    private ConnectorTarget Target(string? secret = HttpSystemStub.Secret, string? baseUrl = null) =>
        new(3, "CRM", ConnectorKind.Http, ["contact", "device-usage"], Secret: secret, BaseUrl: baseUrl ?? stub.BaseUrl + "/");

    [Fact]
    public async Task Find_sends_a_signed_request_with_the_identifiers_and_returns_the_counts_per_category()
    {
        var found = await Connector.FindAsync(Target(), Subject, default);

        Assert.Equal(StepStatus.Done, found.Status);
        Assert.Null(found.Error);
        Assert.Equal(new Dictionary<string, long> { ["contact"] = 3, ["device-usage"] = 2 }, found.CountsByCategory);
        var (operation, timestamp, body) = Assert.Single(stub.Requests);
        Assert.Equal("find", operation);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        Assert.Equal((0, 0, 42), (body.GetProperty("operationId").GetInt64(), body.GetProperty("stepId").GetInt64(), body.GetProperty("subjectId").GetInt64()));
        Assert.Equal([("Phone", Phone), ("Email", Email)],
            body.GetProperty("identifiers").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("value").GetString())).ToList());
        AssertNothingPersonalLogged();
    }

    [Fact]
    public async Task Export_streams_each_record_to_the_writer_as_it_arrives()
    {
        var writer = new ListWriter();
        var records = Enumerable.Range(1, 5).Select(i => $$$"""{"category":"contact","source":"crm.users","fields":{"email":"user{{{i}}}@example.com"}}""").ToList();
        // The system sends two records and waits until the portal has handed both to the writer: a connector that
        // buffered the whole answer would wait for the end of the array and never get there.
        stub.Respond = (http, op, _) => HttpSystemStub.StreamAsync(http, records, pauseAfter: 2, pause: () => writer.Reached(2).WaitAsync(TimeSpan.FromSeconds(5)));

        var outcome = await Connector.ExportAsync(Target(), Subject, writer, ExportStep, default);

        Assert.Equal((StepStatus.Done, 5L, (string?)null), (outcome.Status, outcome.Rows, outcome.Error));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"user{i}@example.com"), writer.Records.Select(r => r.Fields.Single(f => f.Key == "email").Value));
        Assert.All(writer.Records, r => Assert.Equal(("contact", "crm.users"), (r.Category, r.Source)));
        var body = Assert.Single(stub.Requests).Body;
        Assert.Equal((7, 71), (body.GetProperty("operationId").GetInt64(), body.GetProperty("stepId").GetInt64()));
    }

    [Fact]
    public async Task Export_keeps_field_order_and_turns_numbers_and_nulls_into_text_and_null()
    {
        var writer = new ListWriter();

        var outcome = await Connector.ExportAsync(Target(), Subject, writer, ExportStep, default);

        Assert.Equal((StepStatus.Done, 2L), (outcome.Status, outcome.Rows));
        var usage = writer.Records[1];
        Assert.Equal(("device-usage", "crm.logins"), (usage.Category, usage.Source));
        Assert.Equal([new("ip", "192.0.2.10"), new("at", "2026-11-20T08:00:00Z"), new("count", "7"), new KeyValuePair<string, string?>("note", null)], usage.Fields);
    }

    [Fact]
    public async Task Export_of_a_category_the_inventory_does_not_list_fails_the_step_and_names_the_category()
    {
        stub.Respond = (http, _, _) => HttpSystemStub.StreamAsync(http,
        [
            """{"category":"contact","source":"crm.users","fields":{"email":"a@example.com"}}""",
            """{"category":"gps","source":"crm.track","fields":{"lat":"31.2"}}""",
        ]);

        var outcome = await Connector.ExportAsync(Target(), Subject, new ListWriter(), ExportStep, default);

        Assert.Equal(StepStatus.Failed, outcome.Status);
        Assert.Contains("inventory does not list", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("gps", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_reporting_an_unlisted_category_fails_rather_than_hiding_it()
    {
        stub.Respond = (http, _, _) => http.Response.WriteAsJsonAsync(new { categories = new Dictionary<string, long> { ["contact"] = 1, ["device"] = 4 } });

        var found = await Connector.FindAsync(Target(), Subject, default);

        Assert.Equal(StepStatus.Failed, found.Status);
        Assert.Contains("device", found.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_returns_the_count_the_system_reports_and_sends_the_step_id_for_idempotency()
    {
        var outcome = await Connector.EraseAsync(Target(), Subject, EraseStep, default);

        Assert.Equal((StepStatus.Done, 5L), (outcome.Status, outcome.Rows));
        var (operation, _, body) = Assert.Single(stub.Requests);
        Assert.Equal(("erase", 8L, 81L), (operation, body.GetProperty("operationId").GetInt64(), body.GetProperty("stepId").GetInt64()));
    }

    [Fact]
    public async Task A_refusal_fails_at_once_without_retry_and_records_what_the_system_said_with_contact_values_masked()
    {
        stub.Respond = async (http, _, _) =>
        {
            http.Response.StatusCode = 403;
            await http.Response.WriteAsync("account of 13912345678 is frozen by legal team; contact ops@example.com " + new string('x', 400));
        };

        var outcome = await Connector.EraseAsync(Target(), Subject, EraseStep, default);

        Assert.Equal(StepStatus.Failed, outcome.Status);
        Assert.StartsWith("refused: HTTP 403 account of 139****5678 is frozen by legal team; contact o***@example.com xxx", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", outcome.Error, StringComparison.Ordinal);
        Assert.True(outcome.Error!.Length < 240, outcome.Error);
        Assert.Equal(1, stub.Calls("erase"));
        AssertNothingPersonalLogged("13912345678");
    }

    [Fact]
    public async Task A_busy_system_is_retried_with_backoff_until_it_answers()
    {
        var failures = 2;
        stub.Respond = async (http, op, body) =>
        {
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                http.Response.StatusCode = 503;
                return;
            }
            await HttpSystemStub.DefaultAsync(http, op, body);
        };

        var outcome = await Connector.EraseAsync(Target(), Subject, EraseStep, default);

        Assert.Equal((StepStatus.Done, 5L), (outcome.Status, outcome.Rows));
        Assert.Equal(3, stub.Calls("erase"));
    }

    [Fact]
    public async Task A_system_that_stays_down_fails_with_the_number_of_attempts()
    {
        stub.Respond = async (http, _, _) =>
        {
            http.Response.StatusCode = 502;
            await http.Response.WriteAsync("upstream gone");
        };

        var outcome = await Connector.EraseAsync(Target(), Subject, EraseStep, default);

        Assert.Equal((StepStatus.Failed, "unreachable after 3 attempts: HTTP 502 upstream gone"), (outcome.Status, outcome.Error));
        Assert.Equal(3, stub.Calls("erase"));
    }

    [Fact]
    public async Task A_system_that_hangs_fails_after_the_attempt_timeout_on_every_try()
    {
        stub.Respond = (http, _, _) => Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
        var started = DateTime.UtcNow;

        var found = await Connector.FindAsync(Target(), Subject, default);

        Assert.Equal((StepStatus.Failed, "unreachable after 3 attempts: no answer within 0.5 s"), (found.Status, found.Error));
        Assert.Equal(3, stub.Calls("find"));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task An_export_stream_that_goes_silent_fails_the_step_instead_of_hanging()
    {
        var writer = new ListWriter();
        stub.Respond = (http, _, _) => HttpSystemStub.StreamAsync(http,
            ["""{"category":"contact","source":"a","fields":{}}""", """{"category":"contact","source":"b","fields":{}}"""],
            pauseAfter: 1, pause: () => Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted));

        var outcome = await Connector.ExportAsync(Target(), Subject, writer, ExportStep, default);

        Assert.Equal(StepStatus.Failed, outcome.Status);
        Assert.StartsWith("export stalled: no data for 0.5 s", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_shared_secret_is_refused_by_the_system_and_not_retried()
    {
        var outcome = await Connector.ExportAsync(Target(secret: "not-the-shared-secret"), Subject, new ListWriter(), ExportStep, default);

        Assert.Equal((StepStatus.Failed, "refused: HTTP 401 bad signature"), (outcome.Status, outcome.Error));
        Assert.Equal(1, stub.Calls("export"));
    }

    [Fact]
    public async Task A_closed_port_fails_as_unreachable_after_the_retries()
    {
        var outcome = await Connector.EraseAsync(Target(baseUrl: "http://127.0.0.1:1"), Subject, EraseStep, default);

        Assert.Equal(StepStatus.Failed, outcome.Status);
        Assert.StartsWith("unreachable after 3 attempts: ConnectionError", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_without_url_or_secret_fails_with_what_is_missing_and_sends_nothing()
    {
        var noSecret = await Connector.FindAsync(Target(secret: null), Subject, default);
        var noUrl = await Connector.EraseAsync(Target(baseUrl: "crm.internal"), Subject, EraseStep, default);

        Assert.Equal((StepStatus.Failed, "not configured: the system has no shared secret"), (noSecret.Status, noSecret.Error));
        Assert.Equal(StepStatus.Failed, noUrl.Status);
        Assert.Contains("base URL", noUrl.Error, StringComparison.Ordinal);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void The_signature_matches_the_worked_example_in_the_documentation()
    {
        var body = """{"operationId":0,"stepId":0,"subjectId":42,"identifiers":[{"kind":"Phone","value":"13800000000"}]}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = HttpConnectorProtocol.Sign("example-secret", "1795744800", bytes);

        Assert.Equal(HttpSystemStub.Signature("example-secret", "1795744800", bytes), signature);
        Assert.Contains(signature, File.ReadAllText(DocPath()), StringComparison.Ordinal);
        Assert.True(HttpConnectorProtocol.Verify("example-secret", "1795744800", signature, bytes, DateTimeOffset.FromUnixTimeSeconds(1795744800 + 120)));
        Assert.False(HttpConnectorProtocol.Verify("example-secret", "1795744800", signature, bytes, DateTimeOffset.FromUnixTimeSeconds(1795744800 + 600)));
        Assert.False(HttpConnectorProtocol.Verify("other-secret", "1795744800", signature, bytes, DateTimeOffset.FromUnixTimeSeconds(1795744800)));
        Assert.Equal(body, Encoding.UTF8.GetString(HttpConnectorProtocol.Body(0, 0, new SubjectKeys(42, [new SubjectKey(IdentifierKind.Phone, "13800000000")]))));
    }

    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PrivacyPortal.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "connectors-http.md");
            }
        }
        throw new InvalidOperationException("Repository root not found.");
    }

    private void AssertNothingPersonalLogged(params string[] more)
    {
        Assert.NotEmpty(log.Lines);
        foreach (var value in new[] { Phone, Email, "zhang.wei" }.Concat(more))
        {
            Assert.DoesNotContain(log.Lines, l => l.Contains(value, StringComparison.Ordinal));
        }
    }

    private sealed class ListWriter : IExportWriter
    {
        private readonly List<(int Count, TaskCompletionSource Signal)> waits = [];

        public List<(string Category, string Source, IReadOnlyList<KeyValuePair<string, string?>> Fields)> Records { get; } = [];

        public Task Reached(int count)
        {
            lock (Records)
            {
                if (Records.Count >= count)
                {
                    return Task.CompletedTask;
                }
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waits.Add((count, signal));
                return signal.Task;
            }
        }

        public ValueTask WriteAsync(string categoryKey, string source, IReadOnlyList<KeyValuePair<string, string?>> fields, CancellationToken cancellationToken)
        {
            lock (Records)
            {
                Records.Add((categoryKey, source, fields.ToList()));
                foreach (var (count, signal) in waits.Where(w => w.Count <= Records.Count))
                {
                    signal.TrySetResult();
                }
            }
            return ValueTask.CompletedTask;
        }
    }
}
