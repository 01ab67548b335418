using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyPortal.Features.Audit;

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
        var writer = new ArrayBufferWriter<byte>(256);
        writer.Write(previousHash);
        WriteInt64(writer, sequence);
        WriteInt64(writer, occurredAtUtc.Ticks);
        WriteString(writer, actorId);
        WriteString(writer, action);
        WriteString(writer, targetType);
        WriteString(writer, targetId);
        WriteString(writer, subjectId);
        WriteString(writer, clientIp);
        WriteString(writer, outcome);
        WriteString(writer, detail);
        return SHA256.HashData(writer.WrittenSpan);
    }

    public static byte[] Compute(AuditEvent e) => Compute(e.PreviousHash, e.Sequence, e.OccurredAtUtc, e.ActorId, e.Action,
        e.TargetType, e.TargetId, e.SubjectId, e.ClientIp, e.Outcome.ToString(), e.Detail);

    private static void WriteInt64(ArrayBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            WriteInt64(writer, -1);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt64(writer, length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }
}
