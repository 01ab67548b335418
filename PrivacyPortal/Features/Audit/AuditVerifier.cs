using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Features.Audit;

public sealed record AuditVerificationResult(bool Intact, long EventsChecked, long? FirstBrokenSequence, string? Problem)
{
    public static AuditVerificationResult Broken(long checkedCount, long sequence, string problem) => new(false, checkedCount, sequence, problem);
}

/// <summary>
/// Walks the chain in sequence order with a forward-only reader (memory stays flat however long the trail),
/// recomputes every hash and reports the first link that does not hold.
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<PortalDbContext> contexts)
{
    private const string Query = """
        SELECT Sequence, OccurredAtUtc, ActorId, Action, TargetType, TargetId, SubjectId, ClientIp, Outcome, Detail, PreviousHash, Hash
        FROM AuditEvents ORDER BY Sequence
        """;

    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Query;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);

        long expected = 1;
        var previousHash = AuditHash.Genesis;
        while (await reader.ReadAsync(cancellationToken))
        {
            long sequence;
            byte[] hash;
            try
            {
                sequence = reader.GetInt64(0);
                if (sequence != expected)
                {
                    return AuditVerificationResult.Broken(expected - 1, expected, $"expected sequence {expected}, found {sequence}");
                }
                var computed = AuditHash.Compute(previousHash, sequence, reader.GetDateTime(1), reader.GetString(2), reader.GetString(3),
                    NullableString(reader, 4), NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7),
                    reader.GetString(8), NullableString(reader, 9));
                var storedPrevious = reader.GetFieldValue<byte[]>(10);
                hash = reader.GetFieldValue<byte[]>(11);
                if (!storedPrevious.AsSpan().SequenceEqual(previousHash))
                {
                    return AuditVerificationResult.Broken(expected - 1, expected, "previous hash does not match the preceding event");
                }
                if (!hash.AsSpan().SequenceEqual(computed))
                {
                    return AuditVerificationResult.Broken(expected - 1, expected, "content does not match its hash");
                }
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                return AuditVerificationResult.Broken(expected - 1, expected, "a stored value cannot be read: " + ex.GetType().Name);
            }
            previousHash = hash;
            expected++;
        }
        return new AuditVerificationResult(true, expected - 1, null, null);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
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
