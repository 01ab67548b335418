using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Features.Notifications;

/// <summary>
/// Recipient addresses are personal data: encrypted at rest, masked on screen. Envelope encryption: each address
/// is sealed with AES-GCM under a data key, and the data key is protected with ASP.NET Data Protection (whose keys
/// live in the database and rotate) and stored beside it. Data Protection derives a fresh subkey on every call
/// (tens of microseconds), too slow for a 100,000-recipient campaign; the data key is renewed every
/// <see cref="UsesPerDataKey"/> addresses.
/// </summary>
public sealed class RecipientProtector(IDataProtectionProvider provider)
{
    // Changing this string makes every stored recipient unreadable: it is part of the data format.
    public const string Purpose = "PrivacyPortal.Notifications.Recipient.v1";

    public const int UsesPerDataKey = 10_000;

    private const string Format = "e1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);
    private readonly ConcurrentDictionary<string, byte[]> unwrapped = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private DataKey? current;

    public string Protect(string recipient)
    {
        var plain = Encoding.UTF8.GetBytes(recipient);
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
    public string Unprotect(string protectedRecipient)
    {
        if (!protectedRecipient.StartsWith(Format, StringComparison.Ordinal))
        {
            return protector.Unprotect(protectedRecipient);
        }
        var dot = protectedRecipient.IndexOf('.', Format.Length);
        if (dot < 0)
        {
            throw new CryptographicException("Malformed protected recipient.");
        }
        var wrapped = protectedRecipient[Format.Length..dot];
        var key = unwrapped.GetOrAdd(wrapped, w => protector.Unprotect(Convert.FromBase64String(w)));
        var sealedBytes = Convert.FromBase64String(protectedRecipient[(dot + 1)..]);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Malformed protected recipient.");
        }
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length, TagSize), plain);
        }
        return Encoding.UTF8.GetString(plain);
    }

    public static string Mask(NotificationChannel channel, string? recipient) => channel switch
    {
        NotificationChannel.Email => Masking.Email(recipient),
        NotificationChannel.Sms => Masking.Phone(recipient),
        NotificationChannel.Push => Masking.Identifier(recipient),
        _ => "",
    };
}
