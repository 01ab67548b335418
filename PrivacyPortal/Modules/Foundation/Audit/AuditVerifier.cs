using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using SQLitePCL;

namespace PrivacyPortal.Modules.Foundation.Audit;

public sealed record AuditVerificationResult(bool Intact, long EventsChecked, long? FirstBrokenSequence, string? Problem)
{
    public static AuditVerificationResult Broken(long checkedCount, long sequence, string problem) => new(false, checkedCount, sequence, problem);
}

/// <summary>
/// Walks the chain in sequence order with a forward-only reader (memory stays flat however long the trail),
/// recomputes every hash and reports the first link that does not hold. On SQLite it reads the stored UTF-8 in place
/// (see <see cref="VerifySqliteAsync"/>); decoding every field to a string and encoding it back cost more than the hashing.
/// </summary>
/// <remarks>
/// When the retention setting has deleted the oldest events (<see cref="AuditRetention"/>), the walk starts after the
/// trail's signed start: the first event kept must link to the hash that start signs, and the signature must be this
/// portal's (<paramref name="key"/>), so a start row written into the database by hand is reported, not trusted.
/// </remarks>
public sealed class AuditVerifier(IDbContextFactory<PortalDbContext> contexts, AuditSigningKey? key = null)
{
    private static string Query(long after) => $"""
        SELECT Sequence, OccurredAtUtc, ActorId, Action, TargetType, TargetId, SubjectId, ClientIp, Outcome, Detail, PreviousHash, Hash
        FROM AuditEvents WHERE Sequence > {after.ToString(CultureInfo.InvariantCulture)} ORDER BY Sequence
        """;

    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var start = await db.Set<AuditTrailStart>().AsNoTracking().OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(cancellationToken);
        var after = start?.Sequence ?? 0;
        if (start is not null && key is not null && !AuditSigningKey.Verify(key.PublicKeyPem, start.Payload(), start.Signature))
        {
            return AuditVerificationResult.Broken(0, after + 1, "the trail's start is not signed by this portal's key");
        }
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        if (connection is SqliteConnection sqlite && IsUtf8(sqlite))
        {
            return await VerifySqliteAsync(sqlite, after, start?.Hash ?? AuditHash.Genesis.ToArray(), cancellationToken);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Query(after);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);

        var expected = after + 1;
        var previousHash = start?.Hash ?? AuditHash.Genesis;
        var computed = new byte[AuditEvent.HashLength];
        while (await reader.ReadAsync(cancellationToken))
        {
            long sequence;
            byte[] hash;
            try
            {
                sequence = reader.GetInt64(0);
                if (sequence != expected)
                {
                    return AuditVerificationResult.Broken(expected - 1 - after, expected, $"expected sequence {expected}, found {sequence}");
                }
                AuditHash.Compute(previousHash, sequence, reader.GetDateTime(1), reader.GetString(2), reader.GetString(3),
                    NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7),
                    reader.GetString(8), NullableString(reader, 9), computed);
                var storedPrevious = reader.GetFieldValue<byte[]>(10);
                hash = reader.GetFieldValue<byte[]>(11);
                if (!storedPrevious.AsSpan().SequenceEqual(previousHash))
                {
                    return AuditVerificationResult.Broken(expected - 1 - after, expected, "previous hash does not match the preceding event");
                }
                if (!hash.AsSpan().SequenceEqual(computed))
                {
                    return AuditVerificationResult.Broken(expected - 1 - after, expected, "content does not match its hash");
                }
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                return AuditVerificationResult.Broken(expected - 1 - after, expected, "a stored value cannot be read: " + ex.GetType().Name);
            }
            previousHash = hash;
            expected++;
        }
        return new AuditVerificationResult(true, expected - 1 - after, null, null);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// The same walk and the same checks, reading SQLite's own buffers through SQLitePCL.raw: text columns are UTF-8
    /// already, which is what the canonical form holds, so nothing is decoded or allocated per event. Hashing, the
    /// other half of the work, runs on a second core: every event's canonical form names its stored previous hash,
    /// and that is checked against the stored hash before it as the rows are read, so the hashes are independent.
    /// </summary>
    private static async Task<AuditVerificationResult> VerifySqliteAsync(SqliteConnection connection, long after, byte[] startHash, CancellationToken cancellationToken)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, Query(after), out var statement), connection.Handle);
        using (statement)
        {
            var reading = new HashBatch();
            var hashing = new HashBatch();
            Task<long?>? hashed = null;
            AuditVerificationResult? broken = null;
            var expected = after + 1;
            var previousHash = startHash.ToArray();
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                broken = ReadEvent(statement, expected, after, previousHash, reading);
                if (broken is not null)
                {
                    break;
                }
                expected++;
                if (reading.IsFull)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (hashed is not null && await hashed is { } mismatch)
                    {
                        return ContentBroken(mismatch, after);
                    }
                    (reading, hashing) = (hashing, reading);
                    var batch = hashing;
                    hashed = Task.Run(batch.FirstMismatch, cancellationToken);
                    reading.Clear();
                }
            }
            if (broken is null && rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }

            // A content mismatch before the first broken link read is the first broken link.
            if (hashed is not null && await hashed is { } earlier)
            {
                return ContentBroken(earlier, after);
            }
            return reading.FirstMismatch() is { } last ? ContentBroken(last, after) : broken ?? new AuditVerificationResult(true, expected - 1 - after, null, null);
        }
    }

    private static AuditVerificationResult ContentBroken(long sequence, long after) => AuditVerificationResult.Broken(sequence - 1 - after, sequence, "content does not match its hash");

    /// <summary>Checks the sequence and the link of the current row and adds its canonical form to the batch; null when it holds.</summary>
    private static AuditVerificationResult? ReadEvent(sqlite3_stmt statement, long expected, long after, byte[] previousHash, HashBatch batch)
    {
        var sequence = raw.sqlite3_column_int64(statement, 0);
        if (sequence != expected)
        {
            return AuditVerificationResult.Broken(expected - 1 - after, expected, $"expected sequence {expected}, found {sequence}");
        }
        if (raw.sqlite3_column_type(statement, 1) != raw.SQLITE_TEXT
            || !TryParseStoredDate(raw.sqlite3_column_blob(statement, 1), out var occurredAtUtc, out var spelledAsWritten))
        {
            return AuditVerificationResult.Broken(expected - 1 - after, expected, "a stored value cannot be read: " + nameof(FormatException));
        }
        // The text must be exactly what was written: a byte changed into an equivalent spelling ('T' for ' ', a
        // trailing zero) would parse to the same instant and otherwise go unnoticed.
        if (!spelledAsWritten)
        {
            return AuditVerificationResult.Broken(expected - 1 - after, expected, "a stored value is not in the form it was written in");
        }
        if (!raw.sqlite3_column_blob(statement, 10).SequenceEqual(previousHash))
        {
            return AuditVerificationResult.Broken(expected - 1 - after, expected, "previous hash does not match the preceding event");
        }
        var canonical = new AuditHash.Canonical(stackalloc byte[AuditHash.Canonical.StackSize]);
        try
        {
            canonical.Bytes(previousHash);
            canonical.Int64(sequence);
            canonical.Int64(occurredAtUtc.Ticks);
            for (var ordinal = 2; ordinal <= 9; ordinal++)
            {
                var text = raw.sqlite3_column_blob(statement, ordinal);
                if (text.IsEmpty && raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL)
                {
                    canonical.Null();
                }
                else
                {
                    canonical.Utf8(text);
                }
            }
            var stored = raw.sqlite3_column_blob(statement, 11);
            if (stored.Length != AuditEvent.HashLength)
            {
                return ContentBroken(sequence, after);
            }
            batch.Add(sequence, canonical.Written, stored);
            stored.CopyTo(previousHash);
        }
        finally
        {
            canonical.Dispose();
        }
        return null;
    }

    /// <summary>Canonical forms and stored hashes of up to 4,096 consecutive events (about 1 MB), hashed as one unit of work.</summary>
    private sealed class HashBatch
    {
        private const int MaxEvents = 4_096;
        private const int MaxBytes = 1 << 20;

        private readonly int[] ends = new int[MaxEvents];
        private readonly byte[] storedHashes = new byte[MaxEvents * AuditEvent.HashLength];
        private byte[] canonical = new byte[MaxBytes];
        private long firstSequence;
        private int count;
        private int length;

        public bool IsFull => count == MaxEvents || length >= MaxBytes;

        public void Clear() => count = length = 0;

        public void Add(long sequence, ReadOnlySpan<byte> canonicalForm, ReadOnlySpan<byte> storedHash)
        {
            if (count == 0)
            {
                firstSequence = sequence;
            }
            if (length + canonicalForm.Length > canonical.Length)
            {
                Array.Resize(ref canonical, length + canonicalForm.Length);
            }
            canonicalForm.CopyTo(canonical.AsSpan(length));
            length += canonicalForm.Length;
            ends[count] = length;
            storedHash.CopyTo(storedHashes.AsSpan(count * AuditEvent.HashLength));
            count++;
        }

        /// <summary>The sequence of the first event whose content does not match its stored hash, or null.</summary>
        public long? FirstMismatch()
        {
            Span<byte> computed = stackalloc byte[AuditEvent.HashLength];
            var start = 0;
            for (var i = 0; i < count; i++)
            {
                SHA256.HashData(canonical.AsSpan(start, ends[i] - start), computed);
                start = ends[i];
                if (!computed.SequenceEqual(storedHashes.AsSpan(i * AuditEvent.HashLength, AuditEvent.HashLength)))
                {
                    return firstSequence + i;
                }
            }
            return null;
        }
    }

    /// <summary>A TEXT column's blob is its UTF-8 only in a UTF-8 database: SQLite's default, and what the migrations create.</summary>
    private static bool IsUtf8(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA encoding";
        return command.ExecuteScalar() is "UTF-8";
    }

    /// <summary>
    /// EF Core stores a SQLite DateTime as 'yyyy-MM-dd HH:mm:ss' plus '.' and up to seven fraction digits without trailing
    /// zeros (<paramref name="canonical"/>); anything else goes to the parser SqliteDataReader.GetDateTime uses, so both
    /// read the same instant, but it is not how the portal wrote it.
    /// </summary>
    private static bool TryParseStoredDate(ReadOnlySpan<byte> text, out DateTime value, out bool canonical)
    {
        value = default;
        // Only EF's own spelling is canonical: 'yyyy-MM-dd HH:mm:ss', then '.' and the fraction without trailing zeros.
        canonical = false;
        if (text.Length is >= 19 and <= 27 and not 20
            && text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' && text[16] == ':'
            && (text.Length == 19 || text[19] == '.')
            && Digits(text[..4], out var year) && Digits(text[5..7], out var month) && Digits(text[8..10], out var day)
            && Digits(text[11..13], out var hour) && Digits(text[14..16], out var minute) && Digits(text[17..19], out var second)
            && Digits(text.Length > 19 ? text[20..] : [], out var fraction)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour <= 23 && minute <= 59 && second <= 59)
        {
            for (var digits = Math.Max(0, text.Length - 20); digits < 7; digits++)
            {
                fraction *= 10;
            }
            value = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
            canonical = text.Length == 19 || text[^1] != (byte)'0';
            return true;
        }
        return DateTime.TryParse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }
}

public static class AuditVerifierExtensions
{
    /// <summary>Runs the verifier and records the outcome in the trail, so a verification is itself auditable.</summary>
    public static async Task<AuditVerificationResult> VerifyAndRecordAsync(this AuditVerifier verifier, AuditTrail trail, string? actorId, CancellationToken cancellationToken = default)
    {
        var result = await verifier.VerifyAsync(cancellationToken);
        await trail.RecordAsync(
            AuditActions.ChainVerified,
            result.Intact ? AuditOutcome.Success : AuditOutcome.Failure,
            detail: new { result.Intact, result.EventsChecked, result.FirstBrokenSequence, result.Problem },
            actorId: actorId,
            cancellationToken: cancellationToken);
        return result;
    }
}
