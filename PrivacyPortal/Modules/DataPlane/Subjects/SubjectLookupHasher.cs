using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PrivacyPortal.Modules.DataPlane.Subjects;

public sealed class SubjectsOptions
{
    public const string Section = "Subjects";

    /// <summary>
    /// The HMAC key for identifier lookup hashes, base64, at least 32 bytes. It lives in configuration, not in the
    /// database, so a copy of the database alone cannot be searched by guessing phone numbers. Changing it makes
    /// every stored hash unfindable.
    /// </summary>
    public string LookupKey { get; set; } = "";

    /// <summary>Full identifiers one staff member may reveal in an hour (a company control); more are refused and flagged.</summary>
    public int RevealsPerHour { get; set; } = 10;
}

/// <summary>Keyed hash (HMAC-SHA256) of kind and normalised value: exact lookup without storing the value in clear.</summary>
public sealed class SubjectLookupHasher
{
    private readonly byte[] key;

    public SubjectLookupHasher(IOptions<SubjectsOptions> options)
    {
        key = Decode(options.Value.LookupKey) ?? throw new InvalidOperationException("Subjects:LookupKey is not a base64 key of at least 32 bytes.");
    }

    public static bool IsValidKey(string? value) => Decode(value) is not null;

    private static byte[]? Decode(string? value)
    {
        var buffer = new byte[((value?.Length ?? 0) * 3 / 4) + 3];
        return Convert.TryFromBase64String(value ?? "", buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }

    public string Hash(IdentifierKind kind, string normalized)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{kind}:{normalized}"), mac);
        return Convert.ToHexStringLower(mac);
    }
}
