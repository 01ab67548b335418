using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Connectors;

public sealed class EncryptedFilesTests : IDisposable
{
    private readonly TestFolder folder = new();
    private readonly EncryptedFiles files = new(new EphemeralDataProtectionProvider());

    private byte[] Write(string name, int size)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        using (var stream = files.Create(folder.File(name)))
        {
            // Odd-sized writes cross chunk boundaries.
            for (var offset = 0; offset < size; offset += 1000)
            {
                stream.Write(content, offset, Math.Min(1000, size - offset));
            }
        }
        return content;
    }

    private byte[] Read(string name)
    {
        using var stream = files.OpenRead(folder.File(name));
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(64 * 1024)]
    [InlineData(300_001)]
    public void What_is_written_reads_back_the_same(int size) => Assert.Equal(Write("a.bin", size), Read("a.bin"));

    [Fact]
    public void A_truncated_file_fails_to_read_rather_than_returning_less()
    {
        Write("a.bin", 200_000);
        var path = folder.File("a.bin");
        var bytes = File.ReadAllBytes(path);
        // Drop the last chunk entirely: every remaining chunk is intact, but none says it is the last.
        File.WriteAllBytes(path, bytes[..(bytes.Length - ((200_000 % (64 * 1024)) + 4 + 16))]);

        Assert.ThrowsAny<CryptographicException>(() => Read("a.bin"));
    }

    [Fact]
    public void One_changed_byte_fails_to_read()
    {
        Write("a.bin", 100_000);
        var path = folder.File("a.bin");
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 1;
        File.WriteAllBytes(path, bytes);

        Assert.ThrowsAny<CryptographicException>(() => Read("a.bin"));
    }

    public void Dispose() => folder.Dispose();
}
