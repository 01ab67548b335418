using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Security;

/// <summary>The data-protection keys are stored in the database beside what they protect: encrypted, or the portal says so.</summary>
[Collection(AppCollection.Name)]
public sealed class KeyRingProtectionTests
{
    private static Dictionary<string, string?> WithKey(byte seed) => new()
    {
        ["Security:KeyEncryptionKey"] = Convert.ToBase64String(Enumerable.Range(seed, 32).Select(i => (byte)i).ToArray()),
    };

    [Fact]
    public async Task With_a_key_encryption_key_the_stored_keys_hold_no_raw_key_material_and_only_that_key_opens_them()
    {
        var path = Path.Combine(Path.GetTempPath(), "pp-tests", $"{Guid.NewGuid():N}.db");
        try
        {
            string sealedValue;
            await using (var app = new PortalAppFactory(path, settings: WithKey(1)))
            {
                sealedValue = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("13800000001");
                await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
                var stored = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
                Assert.NotEmpty(stored);
                Assert.All(stored, xml =>
                {
                    Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
                    Assert.Contains("<encryptedKey", xml, StringComparison.Ordinal);
                });
            }

            // Restarted with the same key: the keys open. With another key: they do not.
            await using (var again = new PortalAppFactory(path, settings: WithKey(1)))
            {
                Assert.Equal("13800000001", again.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedValue));
            }
            await using (var other = new PortalAppFactory(path, settings: WithKey(2)))
            {
                Assert.ThrowsAny<CryptographicException>(() => other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedValue));
            }
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task Production_without_key_protection_refuses_to_start_with_what_to_set()
    {
        await using var app = new PortalAppFactory(environment: "Production", settings: new Dictionary<string, string?> { ["Notifications:Email:AllowPickupFolder"] = "true" });

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains(KeyRingProtection.MissingMessage, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_production_unencrypted_keys_are_allowed_with_a_warning_in_the_log()
    {
        await using var app = new PortalAppFactory();
        _ = app.Services;

        Assert.Contains(app.LogLines(), l => l.Contains("Data-protection keys are stored unencrypted", StringComparison.Ordinal));
    }
}
