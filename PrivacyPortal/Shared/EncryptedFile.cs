using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PrivacyPortal.Shared;

/// <summary>
/// Files of personal data at rest (export packages and their parts), encrypted as a stream so that a package of a
/// million rows never sits in memory. Each file has its own random key, protected with ASP.NET Data Protection
/// and stored in the header; the content is AES-GCM in 64 KiB chunks. A chunk's nonce carries its index and its
/// associated data says whether it is the last, so reordered, altered or truncated files fail to read.
/// </summary>
public sealed class EncryptedFiles(IDataProtectionProvider provider)
{
    private static ReadOnlySpan<byte> Magic => "PPE1"u8;

    internal const int ChunkSize = 64 * 1024;
    internal const int TagSize = 16;

    // Part of the file format: changing it makes every stored file unreadable.
    private readonly IDataProtector protector = provider.CreateProtector("PrivacyPortal.Files.v1");

    public Stream Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
        var key = RandomNumberGenerator.GetBytes(32);
        var salt = RandomNumberGenerator.GetBytes(4);
        var wrapped = protector.Protect(key);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, wrapped.Length);
        file.Write(Magic);
        file.Write(length);
        file.Write(wrapped);
        file.Write(salt);
        return new WriteStream(file, key, salt);
    }

    /// <exception cref="CryptographicException">The file was altered or truncated, or its key is gone.</exception>
    public Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            Span<byte> header = stackalloc byte[8];
            file.ReadExactly(header);
            if (!header[..4].SequenceEqual(Magic))
            {
                throw new CryptographicException("Not an encrypted portal file.");
            }
            var wrapped = new byte[BinaryPrimitives.ReadInt32LittleEndian(header[4..])];
            file.ReadExactly(wrapped);
            var salt = new byte[4];
            file.ReadExactly(salt);
            return new ReadStream(file, protector.Unprotect(wrapped), salt);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static void Nonce(Span<byte> nonce, byte[] salt, long index)
    {
        salt.CopyTo(nonce);
        BinaryPrimitives.WriteInt64LittleEndian(nonce[4..], index);
    }

    private static byte[] Associated(long index, bool last)
    {
        var data = new byte[9];
        BinaryPrimitives.WriteInt64LittleEndian(data, index);
        data[8] = last ? (byte)1 : (byte)0;
        return data;
    }

    private sealed class WriteStream(FileStream file, byte[] key, byte[] salt) : Stream
    {
        private readonly AesGcm aes = new(key, TagSize);
        private readonly byte[] plain = new byte[ChunkSize];
        private readonly byte[] cipher = new byte[ChunkSize + TagSize + 4];
        private int filled;
        private long index;
        private bool closed;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if (filled == ChunkSize)
                {
                    Seal(last: false);
                }
                var n = Math.Min(buffer.Length, ChunkSize - filled);
                buffer[..n].CopyTo(plain.AsSpan(filled));
                filled += n;
                buffer = buffer[n..];
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        private void Seal(bool last)
        {
            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, salt, index);
            BinaryPrimitives.WriteInt32LittleEndian(cipher, filled);
            aes.Encrypt(nonce, plain.AsSpan(0, filled), cipher.AsSpan(4, filled), cipher.AsSpan(4 + filled, TagSize), Associated(index, last));
            file.Write(cipher, 0, 4 + filled + TagSize);
            index++;
            filled = 0;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !closed)
            {
                closed = true;
                Seal(last: true);
                file.Dispose();
                aes.Dispose();
                CryptographicOperations.ZeroMemory(key);
            }
            base.Dispose(disposing);
        }
    }

    private sealed class ReadStream(FileStream file, byte[] key, byte[] salt) : Stream
    {
        private readonly AesGcm aes = new(key, TagSize);
        private readonly byte[] plain = new byte[ChunkSize];
        private readonly byte[] cipher = new byte[ChunkSize + TagSize];
        private int available;
        private int position;
        private long index;
        private bool ended;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (position == available)
            {
                if (ended)
                {
                    return 0;
                }
                Open();
            }
            var n = Math.Min(buffer.Length, available - position);
            plain.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        private void Open()
        {
            Span<byte> length = stackalloc byte[4];
            if (file.ReadAtLeast(length, 4, throwOnEndOfStream: false) < 4)
            {
                throw new CryptographicException("The encrypted file is truncated.");
            }
            var size = BinaryPrimitives.ReadInt32LittleEndian(length);
            if (size is < 0 or > ChunkSize)
            {
                throw new CryptographicException("The encrypted file is corrupt.");
            }
            file.ReadExactly(cipher, 0, size + TagSize);
            Span<byte> nonce = stackalloc byte[12];
            Nonce(nonce, salt, index);
            // The last chunk is the one followed by the end of the file; its associated data must say so.
            var last = file.Position == file.Length;
            aes.Decrypt(nonce, cipher.AsSpan(0, size), cipher.AsSpan(size, TagSize), plain.AsSpan(0, size), Associated(index, last));
            index++;
            available = size;
            position = 0;
            ended = last;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
                aes.Dispose();
                CryptographicOperations.ZeroMemory(key);
            }
            base.Dispose(disposing);
        }
    }
}
