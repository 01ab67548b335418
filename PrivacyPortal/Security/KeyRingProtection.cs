using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PrivacyPortal.Security;

/// <summary>
/// The data-protection keys live in the database beside the values they protect (ADR on key storage), so they
/// are encrypted before they are written: with a certificate (<c>Security:KeyProtectionCertificate</c>) or with
/// a 256-bit key-encryption key from the environment (<c>Security:KeyEncryptionKey</c>). Without either, anyone
/// who reads the database can decrypt every phone number in it: Production refuses to start, Development warns.
/// </summary>
public static class KeyRingProtection
{
    public const string MissingMessage =
        "The data-protection keys would be stored unencrypted in the database. Set Security:KeyEncryptionKey (a base64 256-bit key, e.g. openssl rand -base64 32) "
        + "or Security:KeyProtectionCertificate with Security:KeyProtectionCertificatePassword.";

    public static void Configure(IDataProtectionBuilder keys, IServiceCollection services, SecurityOptions security, IHostEnvironment environment)
    {
        if (security.KeyProtectionCertificate is { Length: > 0 } certificate)
        {
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(certificate, security.KeyProtectionCertificatePassword));
            return;
        }
        if (security.KeyEncryptionKey is { Length: > 0 } encoded)
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Security:KeyEncryptionKey is not base64. Generate one with: openssl rand -base64 32");
            }
            if (key.Length != 32)
            {
                throw new InvalidOperationException($"Security:KeyEncryptionKey must be 32 bytes (256 bits); it is {key.Length}. Generate one with: openssl rand -base64 32");
            }
            var kek = new KeyEncryptionKey(key);
            services.AddSingleton(kek);
            services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(kek));
            return;
        }
        if (environment.IsProduction())
        {
            throw new InvalidOperationException(MissingMessage);
        }
        services.AddHostedService<UnprotectedKeysWarning>();
    }

    private sealed class UnprotectedKeysWarning(ILogger<UnprotectedKeysWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Data-protection keys are stored unencrypted: {Message} (Production refuses to start like this.)", MissingMessage);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The key-encryption key, from configuration; never stored by the portal.</summary>
public sealed class KeyEncryptionKey(byte[] key)
{
    internal byte[] Key { get; } = key;

    /// <summary>Names the key in each encrypted element, so a wrong key is reported as such rather than as a corrupt key ring.</summary>
    public string Id { get; } = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
}

/// <summary>Encrypts a key's XML with AES-256-GCM under <see cref="KeyEncryptionKey"/>.</summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    internal const int NonceSize = 12;
    internal const int TagSize = 16;
    internal static readonly XName Element = "encryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(kek.Key, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));
        }
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(Element,
            new XComment(" Encrypted with AES-256-GCM under Security:KeyEncryptionKey. "),
            new XAttribute("kek", kek.Id),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Created by Data Protection from the type named in the stored XML; takes the key from the services.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var kek = services.GetService<KeyEncryptionKey>()
            ?? throw new CryptographicException("A data-protection key is encrypted with a key-encryption key, but Security:KeyEncryptionKey is not set.");
        if ((string?)encryptedElement.Attribute("kek") != kek.Id)
        {
            throw new CryptographicException("A data-protection key was encrypted with a different Security:KeyEncryptionKey.");
        }
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        if (sealedBytes.Length < AesGcmXmlEncryptor.NonceSize + AesGcmXmlEncryptor.TagSize)
        {
            throw new CryptographicException("Malformed encrypted data-protection key.");
        }
        var length = sealedBytes.Length - AesGcmXmlEncryptor.NonceSize - AesGcmXmlEncryptor.TagSize;
        var plain = new byte[length];
        using (var aes = new AesGcm(kek.Key, AesGcmXmlEncryptor.TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, AesGcmXmlEncryptor.NonceSize), sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize, length),
                sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceSize + length), plain);
        }
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
