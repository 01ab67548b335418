using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Audit;

/// <summary>
/// The published trail format (docs/audit-trail.md) held to its fixed vectors byte for byte, and the independent verifier
/// (tools/verify-audit-trail.py, Python and openssl only) run on the vectors, on a fresh export and on tampered copies.
/// </summary>
public sealed class IndependentVerifierTests : IAsyncLifetime
{
    private static readonly string Vectors = Repository.PathOf("docs", "audit-trail-vectors");

    private readonly string work = Directory.CreateTempSubdirectory("pp-verifier-").FullName;
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    private static byte[] VectorTrail => File.ReadAllBytes(Path.Combine(Vectors, "trail.jsonl"));

    private static IReadOnlyList<JsonObject> VectorEvents => Encoding.UTF8.GetString(VectorTrail).Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Skip(1).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();

    private static DateTime Time(JsonObject e) =>
        DateTime.ParseExact((string)e["occurred_at_utc"]!, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    [Fact]
    public void The_portal_hashes_each_vector_event_to_its_published_hash()
    {
        var previous = AuditHash.Genesis;
        foreach (var e in VectorEvents)
        {
            Assert.Equal((string)e["previous_hash"]!, Convert.ToHexStringLower(previous));
            var hash = AuditHash.Compute(previous, (long)e["sequence"]!, Time(e), (string)e["actor_id"]!, (string)e["action"]!, (string?)e["target_type"],
                (string?)e["target_id"], (string?)e["subject_id"], (string?)e["client_ip"], (string)e["outcome"]!, (string?)e["detail"]);
            Assert.Equal((string)e["hash"]!, Convert.ToHexStringLower(hash));
            previous = hash;
        }
        // The worked example in the format document: event 1's canonical bytes, whose SHA-256 is its hash.
        var canonical = Convert.FromHexString(File.ReadAllText(Path.Combine(Vectors, "event-1.canonical.hex")).Trim());
        Assert.Equal((string)VectorEvents[0]["hash"]!, Convert.ToHexStringLower(SHA256.HashData(canonical)));
    }

    [Fact]
    public async Task Exporting_the_vector_trail_writes_the_published_file_byte_for_byte()
    {
        var writer = harness.Get<AuditChainWriter>();
        foreach (var e in VectorEvents)
        {
            harness.Clock.SetUtcNow(new DateTimeOffset(Time(e)));
            var appended = await writer.AppendAsync(new AuditRecord((string)e["action"]!, (string)e["actor_id"]!, Enum.Parse<AuditOutcome>((string)e["outcome"]!),
                (string?)e["target_type"], (string?)e["target_id"], (string?)e["subject_id"], (string?)e["client_ip"], (string?)e["detail"]));
            Assert.Equal((long)e["sequence"]!, appended.Sequence);
        }

        var output = new MemoryStream();
        var (errors, result) = await harness.Get<AuditExportService>().ExportAsync(new AuditFilter(), AuditSort.Newest, AuditExportFormat.Jsonl, output);

        Assert.True(errors.IsValid);
        Assert.Equal(5, result!.Rows);
        Assert.Equal(Encoding.UTF8.GetString(VectorTrail), Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(VectorTrail, output.ToArray());
    }

    [Fact]
    public void The_vector_checkpoint_and_export_signature_verify_with_the_portal_code()
    {
        var publicKey = File.ReadAllText(Path.Combine(Vectors, "public-key.pem"));
        var checkpoint = AuditCheckpoint.Parse(File.ReadAllText(Path.Combine(Vectors, "checkpoint-5.json")))!;
        Assert.Equal((string)VectorEvents[^1]["hash"]!, checkpoint.Hash);
        Assert.True(AuditSigningKey.Verify(publicKey, AuditCheckpoint.Payload(checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedAtUtc), checkpoint.Signature));
        Assert.Equal(checkpoint.KeyId, AuditSigningKey.KeyIdOf(PublicKeyDer(publicKey)));

        var exportSignature = File.ReadAllText(Path.Combine(Vectors, "trail.jsonl.signature")).Trim();
        Assert.True(AuditSigningKey.Verify(publicKey, AuditExportService.SignedPayload(Convert.ToHexStringLower(SHA256.HashData(VectorTrail))), exportSignature));
        Assert.False(AuditSigningKey.Verify(publicKey, AuditExportService.SignedPayload(new string('0', 64)), exportSignature));
    }

    [Fact]
    public async Task The_independent_verifier_accepts_the_vectors_and_rejects_each_tampered_copy()
    {
        var checkpoint = Path.Combine(Vectors, "checkpoint-5.json");
        var key = Path.Combine(Vectors, "public-key.pem");
        var signature = File.ReadAllText(Path.Combine(Vectors, "trail.jsonl.signature")).Trim();

        var intact = await IndependentVerifier.RunAsync("--trail", Path.Combine(Vectors, "trail.jsonl"), "--checkpoint", checkpoint, "--public-key", key, "--export-signature", signature);
        Assert.True(intact.Code == 0, intact.Output);
        Assert.StartsWith("INTACT: 5 events, 1 to 5", intact.Output);

        var text = Encoding.UTF8.GetString(VectorTrail);
        // One byte of one field: "wrong password" becomes "wrong passwore".
        var oneByte = await VerifyTamperedAsync(text.Replace("wrong password", "wrong passwore", StringComparison.Ordinal), "--checkpoint", checkpoint, "--public-key", key);
        Assert.Equal((1, "BROKEN: event 3: its content does not match its hash (a field was changed)"), oneByte);
        // An event removed from the middle.
        var lines = text.Split('\n');
        var removed = await VerifyTamperedAsync(string.Join('\n', lines.Where((_, i) => i != 3)));
        Assert.Equal((1, "BROKEN: events 3 to 3 are missing from a whole-trail export"), removed);
        // The newest event removed: only the checkpoint can tell.
        var truncated = await VerifyTamperedAsync(string.Join('\n', lines.Where((_, i) => i != 5)), "--checkpoint", checkpoint, "--public-key", key);
        Assert.Equal(1, truncated.Code);
        Assert.Contains("before the signed event 5 (events were removed)", truncated.Output);
        // A rewrite that recomputes every later hash: the chain holds again, the signed hash does not.
        var rewritten = await VerifyTamperedAsync(Rehash(text.Replace("10.0.0.8", "10.0.0.9", StringComparison.Ordinal)), "--checkpoint", checkpoint, "--public-key", key);
        Assert.Equal((1, "BROKEN: " + checkpoint + ": event 5 no longer has the signed hash (the trail was rewritten)"), rewritten);
        // The file is changed after export but the chain still holds: the export signature catches it.
        var resigned = await VerifyTamperedAsync(text.Replace("\"filter\":\"\"", "\"filter\": \"\"", StringComparison.Ordinal), "--public-key", key, "--export-signature", signature);
        Assert.Equal(1, resigned.Code);
        Assert.Contains("not the one the portal signed", resigned.Output);
        // A checkpoint whose signature was changed by one character, and one checked with another key.
        var forged = Path.Combine(work, "forged.json");
        var json = File.ReadAllText(checkpoint);
        var sig = (string)JsonNode.Parse(json)!["signature"]!;
        File.WriteAllText(forged, json.Replace(sig, (sig[0] == 'A' ? 'B' : 'A') + sig[1..], StringComparison.Ordinal));
        Assert.Equal(1, (await IndependentVerifier.RunAsync("--trail", Path.Combine(Vectors, "trail.jsonl"), "--checkpoint", forged, "--public-key", key)).Code);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var otherKey = Path.Combine(work, "other.pem");
        File.WriteAllText(otherKey, other.ExportSubjectPublicKeyInfoPem());
        var wrongKey = await IndependentVerifier.RunAsync("--trail", Path.Combine(Vectors, "trail.jsonl"), "--checkpoint", checkpoint, "--public-key", otherKey);
        Assert.Equal(1, wrongKey.Code);
        Assert.Contains("does not verify with the trusted public key", wrongKey.Output);
    }

    [Fact]
    public async Task The_independent_verifier_proves_a_fresh_export_and_catches_a_one_byte_change_in_it()
    {
        var trail = harness.Get<AuditTrail>();
        for (var i = 1; i <= 30; i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(37.1234567));
            await trail.RecordAsync(i % 3 == 0 ? "subject.revealed" : "request.viewed", targetType: "request", targetId: $"DSR-{i:D4}",
                detail: new { reason = $"核实来电 {i}", note = "\"quoted\" <tag> & \\ back" }, actorId: $"staff-{i % 4}");
        }
        var checkpoint = await harness.Get<AuditCheckpointService>().SignLatestAsync();
        var checkpointFile = Path.Combine(work, "checkpoint.json");
        await File.WriteAllTextAsync(checkpointFile, checkpoint!.ToJson());
        var keyFile = Path.Combine(work, "public-key.pem");
        await File.WriteAllTextAsync(keyFile, harness.Get<AuditSigningKey>().PublicKeyPem);
        var export = new MemoryStream();
        var (_, result) = await harness.Get<AuditExportService>().ExportAsync(new AuditFilter(), AuditSort.Newest, AuditExportFormat.Jsonl, export);
        var file = Path.Combine(work, "audit.jsonl");
        await File.WriteAllBytesAsync(file, export.ToArray());

        var intact = await IndependentVerifier.RunAsync("--trail", file, "--checkpoint", checkpointFile, "--public-key", keyFile, "--export-signature", result!.Signature);
        Assert.True(intact.Code == 0, intact.Output);
        Assert.StartsWith($"INTACT: {result.Rows} events, 1 to {result.Rows}", intact.Output);

        // A single bit flipped anywhere in the line of the checkpoint's event (a dozen places along it) is caught.
        var bytes = export.ToArray();
        var line = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"{{\"sequence\":{checkpoint.Sequence},"));
        var length = bytes.AsSpan(line).IndexOf((byte)'\n');
        for (var offset = 0; offset < length; offset += length / 12)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[line + offset] ^= 0x01;
            var caught = await VerifyTamperedAsync(tampered, "--checkpoint", checkpointFile, "--public-key", keyFile);
            Assert.True(caught.Code == 1 && caught.Output.StartsWith("BROKEN: ", StringComparison.Ordinal), $"byte {offset}: {caught.Output}");
        }
    }

    [Fact]
    public async Task A_filtered_export_is_checked_event_by_event_and_says_what_it_does_not_prove()
    {
        var trail = harness.Get<AuditTrail>();
        for (var i = 1; i <= 10; i++)
        {
            harness.Clock.Advance(TimeSpan.FromMinutes(1));
            await trail.RecordAsync(i % 2 == 0 ? "subject.revealed" : "request.viewed", targetType: "request", targetId: $"DSR-{i}", actorId: "staff-a");
        }
        var export = new MemoryStream();
        await harness.Get<AuditExportService>().ExportAsync(new AuditFilter(Action: "subject.revealed"), AuditSort.Newest, AuditExportFormat.Jsonl, export);
        var file = Path.Combine(work, "filtered.jsonl");
        await File.WriteAllBytesAsync(file, export.ToArray());
        Assert.StartsWith("{\"format\":\"privacy-portal/audit-trail/v1\",\"filter\":\"action=subject.revealed\"}\n", Encoding.UTF8.GetString(export.ToArray()));

        var run = await IndependentVerifier.RunAsync("--trail", file);

        Assert.True(run.Code == 0, run.Output);
        Assert.Contains("5 events, ", run.Output);
        Assert.Contains("every hash recomputed and matches", run.Output);
        Assert.Contains("the search leaves 4 gaps", run.Output);
        Assert.Contains("without a checkpoint", run.Output);
    }

    /// <summary>Recomputes every hash and link after a change, as someone with write access to the database could.</summary>
    private static string Rehash(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var previous = AuditHash.Genesis;
        var result = new StringBuilder(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1))
        {
            var e = JsonNode.Parse(line)!.AsObject();
            var hash = AuditHash.Compute(previous, (long)e["sequence"]!, Time(e), (string)e["actor_id"]!, (string)e["action"]!, (string?)e["target_type"],
                (string?)e["target_id"], (string?)e["subject_id"], (string?)e["client_ip"], (string)e["outcome"]!, (string?)e["detail"]);
            e["previous_hash"] = Convert.ToHexStringLower(previous);
            e["hash"] = Convert.ToHexStringLower(hash);
            result.Append(e.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).Append('\n');
            previous = hash;
        }
        return result.ToString();
    }

    private static byte[] PublicKeyDer(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key.ExportSubjectPublicKeyInfo();
    }

    private Task<(int Code, string Output)> VerifyTamperedAsync(string content, params string[] more) => VerifyTamperedAsync(Encoding.UTF8.GetBytes(content), more);

    private async Task<(int Code, string Output)> VerifyTamperedAsync(byte[] content, params string[] more)
    {
        var file = Path.Combine(work, $"tampered-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllBytesAsync(file, content);
        return await IndependentVerifier.RunAsync(["--trail", file, .. more]);
    }
}
