using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>
/// hash(n) = SHA-256(hash(n-1) || canonical(n)). The canonical form writes every stored field, length-prefixed,
/// so that no two different events share one encoding and a change to any byte of any field changes the hash.
/// </summary>
public static class AuditHash
{
    public static readonly byte[] Genesis = new byte[AuditEvent.HashLength];

    public static byte[] Compute(ReadOnlySpan<byte> previousHash, long sequence, DateTime occurredAtUtc, string actorId, string action,
        string? targetType, string? targetId, string? subjectId, string? clientIp, string outcome, string? detail)
    {
        var hash = new byte[AuditEvent.HashLength];
        Compute(previousHash, sequence, occurredAtUtc, actorId, action, targetType, targetId, subjectId, clientIp, outcome, detail, hash);
        return hash;
    }

    /// <summary>The same hash, written into <paramref name="destination"/>; an ordinary event allocates nothing.</summary>
    public static void Compute(ReadOnlySpan<byte> previousHash, long sequence, DateTime occurredAtUtc, string actorId, string action,
        string? targetType, string? targetId, string? subjectId, string? clientIp, string outcome, string? detail, Span<byte> destination)
    {
        var canonical = new Canonical(stackalloc byte[Canonical.StackSize]);
        try
        {
            canonical.Bytes(previousHash);
            canonical.Int64(sequence);
            canonical.Int64(occurredAtUtc.Ticks);
            canonical.Text(actorId);
            canonical.Text(action);
            canonical.Text(targetType);
            canonical.Text(targetId);
            canonical.Text(subjectId);
            canonical.Text(clientIp);
            canonical.Text(outcome);
            canonical.Text(detail);
            SHA256.HashData(canonical.Written, destination);
        }
        finally
        {
            canonical.Dispose();
        }
    }

    public static byte[] Compute(AuditEvent e) => Compute(e.PreviousHash, e.Sequence, e.OccurredAtUtc, e.ActorId, e.Action,
        e.TargetType, e.TargetId, e.SubjectId, e.ClientIp, e.Outcome.ToString(), e.Detail);

    /// <summary>
    /// Builds the canonical form: the fields in order, integers big-endian, text as its UTF-8 length (-1 for null) and
    /// bytes. Starts in the caller's stack buffer; an unusually long event moves to a pooled array.
    /// </summary>
    internal ref struct Canonical(Span<byte> initial)
    {
        public const int StackSize = 1024;

        private Span<byte> buffer = initial;
        private byte[]? rented;
        private int written;

        public readonly ReadOnlySpan<byte> Written => buffer[..written];

        public void Reset() => written = 0;

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Ensure(value.Length);
            value.CopyTo(buffer[written..]);
            written += value.Length;
        }

        public void Int64(long value)
        {
            Ensure(sizeof(long));
            BinaryPrimitives.WriteInt64BigEndian(buffer[written..], value);
            written += sizeof(long);
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                Null();
                return;
            }
            // The UTF-8 goes in after the room for its length; then the length goes in front of it.
            Ensure(sizeof(long) + Encoding.UTF8.GetMaxByteCount(value.Length));
            var length = Encoding.UTF8.GetBytes(value, buffer[(written + sizeof(long))..]);
            Int64(length);
            written += length;
        }

        /// <summary>Text that is UTF-8 already, as SQLite stores it.</summary>
        public void Utf8(ReadOnlySpan<byte> value)
        {
            Int64(value.Length);
            Bytes(value);
        }

        public void Null() => Int64(-1);

        public void Dispose()
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
                rented = null;
            }
        }

        private void Ensure(int more)
        {
            if (written + more <= buffer.Length)
            {
                return;
            }
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(2 * buffer.Length, written + more));
            buffer[..written].CopyTo(larger);
            Dispose();
            buffer = rented = larger;
        }
    }
}
