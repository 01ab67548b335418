using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace PrivacyPortal.Shared;

/// <summary>
/// Encryption at rest for short personal values (addresses, phone numbers). Envelope encryption: each value is
/// sealed with AES-GCM under a data key, and the data key is protected with ASP.NET Data Protection (whose keys
/// live in the database and rotate) and stored beside it. Data Protection derives a fresh subkey on every call
/// (tens of microseconds), too slow for a 100,000-recipient campaign or a million-person import; the data key is
/// renewed every <see cref="UsesPerDataKey"/> values.
/// </summary>
/// <param name="purpose">Part of the data format: changing it makes every value stored under it unreadable.</param>
public abstract class EnvelopeProtector(IDataProtectionProvider provider, string purpose)
{
    public const int UsesPerDataKey = 10_000;

    private const string Format = "e1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IDataProtector protector = provider.CreateProtector(purpose);
    private readonly ConcurrentDictionary<string, byte[]> unwrapped = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private DataKey? current;

    public string Protect(string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        string wrapped;
        lock (gate)
        {
            if (current is not { Uses: < UsesPerDataKey })
            {
                current?.Cipher.Dispose();
                var raw = RandomNumberGenerator.GetBytes(32);
                var fresh = Convert.ToBase64String(protector.Protect(raw));
                unwrapped[fresh] = raw;
                current = new DataKey(new AesGcm(raw, TagSize), fresh);
            }
            current.Uses++;
            wrapped = current.Wrapped;
            // AesGcm is not thread-safe: one instance per data key, used under the lock.
            current.Cipher.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));
        }
        return $"{Format}{wrapped}.{Convert.ToBase64String(sealedBytes)}";
    }

    private sealed class DataKey(AesGcm cipher, string wrapped)
    {
        public AesGcm Cipher { get; } = cipher;

        public string Wrapped { get; } = wrapped;

        public int Uses { get; set; }
    }

    /// <exception cref="CryptographicException">The data-protection key that wrapped it is gone, or the value was altered.</exception>
    public string Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith(Format, StringComparison.Ordinal))
        {
            return protector.Unprotect(protectedValue);
        }
        var dot = protectedValue.IndexOf('.', Format.Length);
        if (dot < 0)
        {
            throw new CryptographicException("Malformed protected value.");
        }
        var wrapped = protectedValue[Format.Length..dot];
        var key = unwrapped.GetOrAdd(wrapped, w => protector.Unprotect(Convert.FromBase64String(w)));
        var sealedBytes = Convert.FromBase64String(protectedValue[(dot + 1)..]);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Malformed protected value.");
        }
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length, TagSize), plain);
        }
        return Encoding.UTF8.GetString(plain);
    }
}
