using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrivacyPortal.Modules.DataPlane.Subjects;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>
/// The wire contract between the portal and a system with an API (docs/connectors-http.md). Everything a system
/// team needs to implement is here: the three paths, the request body, the two headers and the signature.
/// </summary>
public static class HttpConnectorProtocol
{
    public const string FindPath = "/privacy/find";
    public const string ExportPath = "/privacy/export";
    public const string ErasePath = "/privacy/erase";

    public const string TimestampHeader = "X-Privacy-Timestamp";
    public const string SignatureHeader = "X-Privacy-Signature";
    public const string SignaturePrefix = "sha256=";

    /// <summary>How far a request's timestamp may be from the system's clock before the system should refuse it (replay window).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The request body, serialised once: the signature covers these exact bytes.</summary>
    public static byte[] Body(long operationId, long stepId, SubjectKeys subject) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new PrivacyRequest(operationId, stepId, subject.SubjectId, subject.Keys.Select(k => new PrivacyIdentifier(k.Kind, k.Value)).ToList()), Json);

    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary><c>"sha256=" + lowercase hex HMAC-SHA256(UTF-8 secret, timestamp + "." + body)</c>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
        return SignaturePrefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a system does with a request (for .NET systems): signature in constant time, timestamp inside the window.</summary>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (timestamp is null || signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > AllowedClockSkew.TotalSeconds)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}

public sealed record PrivacyRequest(long OperationId, long StepId, long SubjectId, IReadOnlyList<PrivacyIdentifier> Identifiers);

public sealed record PrivacyIdentifier(IdentifierKind Kind, string Value);
