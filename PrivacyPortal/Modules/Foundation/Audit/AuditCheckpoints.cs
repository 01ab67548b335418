using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>Where the checkpoint signing key and the exported checkpoints live (appsettings "Audit:Checkpoints").</summary>
public sealed class AuditCheckpointOptions
{
    public const string Section = "Audit:Checkpoints";

    /// <summary>Environment variable holding the PEM private key; wins over <see cref="KeyFile"/>.</summary>
    public const string KeyVariable = "PORTAL_AUDIT_CHECKPOINT_KEY";

    /// <summary>
    /// PEM file with the ECDSA P-256 private key. Outside the database by design: someone who can rewrite the trail
    /// must not also hold the key. Relative paths are under the content root; created on first use when missing.
    /// </summary>
    public string KeyFile { get; set; } = "App_Data/keys/audit-checkpoint.pem";

    /// <summary>Folder the signed checkpoints are written to, one JSON file each.</summary>
    public string Directory { get; set; } = "App_Data/audit-checkpoints";
}

/// <summary>
/// A signed statement "the trail's event <see cref="Sequence"/> has hash <see cref="Hash"/>". Whoever holds the public key
/// can later prove that the trail up to that point is the one that was signed.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime SignedAtUtc, string KeyId, string PublicKey, string Signature)
{
    public const string Format = "privacy-portal/audit-checkpoint/v1";

    /// <summary>The exact bytes signed: format, sequence, hash and time, one per line.</summary>
    public static byte[] Payload(long sequence, string hash, DateTime signedAtUtc) => Encoding.UTF8.GetBytes(string.Join('\n',
        Format, sequence.ToString(CultureInfo.InvariantCulture), hash.ToLowerInvariant(), signedAtUtc.ToString("O", CultureInfo.InvariantCulture)));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AuditCheckpoint? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The ECDSA P-256 key that signs checkpoints and export hashes; loaded from the environment or a key file, never the database.</summary>
public sealed class AuditSigningKey : IDisposable
{
    private readonly ECDsa key;

    private AuditSigningKey(ECDsa key)
    {
        this.key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = KeyIdOf(key.ExportSubjectPublicKeyInfo());
    }

    public string PublicKeyPem { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key: names the key without revealing anything.</summary>
    public string KeyId { get; }

    public static AuditSigningKey Load(AuditCheckpointOptions options, string contentRoot)
    {
        var key = ECDsa.Create();
        var pem = Environment.GetEnvironmentVariable(AuditCheckpointOptions.KeyVariable);
        if (!string.IsNullOrWhiteSpace(pem))
        {
            key.ImportFromPem(pem);
            return new AuditSigningKey(key);
        }
        var path = Path.GetFullPath(options.KeyFile, contentRoot);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return new AuditSigningKey(key);
        }
        key.Dispose();
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new AuditSigningKey(key);
    }

    public string Sign(byte[] payload) => Convert.ToBase64String(key.SignData(payload, HashAlgorithmName.SHA256));

    public static string KeyIdOf(byte[] subjectPublicKeyInfo) => Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo))[..16];

    /// <summary>Checks a signature with a public key given as PEM (the trusted one, not the one the signed file carries).</summary>
    public static bool Verify(string publicKeyPem, byte[] payload, string signature)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return key.VerifyData(payload, Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => key.Dispose();
}

public enum CheckpointCheck
{
    /// <summary>The signature holds and the trail up to the checkpoint is the signed one.</summary>
    Intact,
    SignatureInvalid,
    /// <summary>The trail is shorter than the checkpoint: events after a point were removed.</summary>
    Truncated,
    /// <summary>The event at the checkpoint's sequence has another hash: history was rewritten.</summary>
    HashDiffers,
    /// <summary>The chain itself is broken at or before the checkpoint.</summary>
    ChainBroken,
    /// <summary>The events it covers were deleted by the audit retention setting; the trail starts after a later signed point.</summary>
    BeforeTrailStart,
}

public sealed record CheckpointVerification(CheckpointCheck Check, AuditCheckpoint Checkpoint, AuditVerificationResult Chain)
{
    public bool Intact => Check == CheckpointCheck.Intact;
}

/// <summary>Signs the trail's tail at intervals and proves a trail against a signed checkpoint (ADR 0012).</summary>
public sealed class AuditCheckpointService(
    IDbContextFactory<PortalDbContext> contexts,
    AuditSigningKey key,
    AuditVerifier verifier,
    AuditTrail trail,
    TimeProvider time,
    IOptions<AuditCheckpointOptions> options,
    IHostEnvironment environment)
{
    /// <summary>Signs the newest event's (sequence, hash), writes the checkpoint file and records it in the trail.</summary>
    public async Task<AuditCheckpoint?> SignLatestAsync(string? actorId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tail = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        return tail is null ? null : (await SignAsync(tail.Sequence, tail.Hash, actorId, cancellationToken)).Checkpoint;
    }

    /// <summary>Signs one event's (sequence, hash), writes the checkpoint file and records it in the trail.</summary>
    public async Task<(AuditCheckpoint Checkpoint, string File)> SignAsync(long sequence, byte[] eventHash, string? actorId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hash = Convert.ToHexStringLower(eventHash);
        var checkpoint = new AuditCheckpoint(sequence, hash, now, key.KeyId, key.PublicKeyPem, key.Sign(AuditCheckpoint.Payload(sequence, hash, now)));
        var folder = Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        var file = FileName(checkpoint);
        await File.WriteAllTextAsync(Path.Combine(folder, file), checkpoint.ToJson(), cancellationToken);
        await trail.RecordAsync(AuditActions.CheckpointSigned, targetType: "audit-checkpoint", targetId: checkpoint.Sequence.ToString(CultureInfo.InvariantCulture),
            detail: new { checkpoint.Sequence, checkpoint.Hash, checkpoint.KeyId, file }, actorId: actorId, cancellationToken: cancellationToken);
        return (checkpoint, file);
    }

    public static string FileName(AuditCheckpoint c) => $"audit-checkpoint-{c.Sequence:D10}-{c.SignedAtUtc:yyyyMMddTHHmmssZ}.json";

    /// <summary>
    /// Proves the trail against a checkpoint: the signature under the trusted key (this portal's own unless another is given),
    /// the event at the checkpoint's sequence with the signed hash, and an unbroken chain from the first event to it.
    /// </summary>
    public async Task<CheckpointVerification> VerifyAsync(AuditCheckpoint checkpoint, string? trustedPublicKeyPem = null, CancellationToken cancellationToken = default)
    {
        var publicKey = trustedPublicKeyPem ?? key.PublicKeyPem;
        var chain = await verifier.VerifyAsync(cancellationToken);
        if (!AuditSigningKey.Verify(publicKey, AuditCheckpoint.Payload(checkpoint.Sequence, checkpoint.Hash, checkpoint.SignedAtUtc), checkpoint.Signature))
        {
            return new CheckpointVerification(CheckpointCheck.SignatureInvalid, checkpoint, chain);
        }
        if (!chain.Intact && chain.FirstBrokenSequence <= checkpoint.Sequence)
        {
            return new CheckpointVerification(CheckpointCheck.ChainBroken, checkpoint, chain);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var start = await db.Set<AuditTrailStart>().AsNoTracking().OrderByDescending(t => t.Sequence).FirstOrDefaultAsync(cancellationToken);
        var stored = checkpoint.Sequence == start?.Sequence
            ? start.Hash
            : await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == checkpoint.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        if (stored is null && checkpoint.Sequence < start?.Sequence)
        {
            return new CheckpointVerification(CheckpointCheck.BeforeTrailStart, checkpoint, chain);
        }
        if (stored is null)
        {
            return new CheckpointVerification(CheckpointCheck.Truncated, checkpoint, chain);
        }
        return new CheckpointVerification(
            string.Equals(Convert.ToHexStringLower(stored), checkpoint.Hash, StringComparison.OrdinalIgnoreCase) ? CheckpointCheck.Intact : CheckpointCheck.HashDiffers,
            checkpoint, chain);
    }

    public string PublicKeyPem => key.PublicKeyPem;

    public string KeyId => key.KeyId;
}
