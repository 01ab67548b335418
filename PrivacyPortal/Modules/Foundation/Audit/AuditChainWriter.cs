using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Foundation.Audit;

public sealed record AuditRecord(
    string Action,
    string ActorId,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? TargetType = null,
    string? TargetId = null,
    string? SubjectId = null,
    string? ClientIp = null,
    string? Detail = null);

/// <summary>
/// Appends to the chain. Within one instance appends queue behind a gate; across instances the sequence is the
/// primary key, so when two instances read the same tail the second insert fails and is retried on the new
/// tail. Either way the chain never forks.
/// </summary>
public sealed class AuditChainWriter(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    private const int MaxAttempts = 10;
    private readonly SemaphoreSlim gate = new(1, 1);
    private AuditInsert? insert;

    public async Task<AuditEvent> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        (await AppendAsync([record], cancellationToken))[0];

    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryAppendAsync(records, cancellationToken);
                }
                catch (DbException) when (attempt < MaxAttempts)
                {
                    // Another instance took the same sequence number (the INSERT's primary key violation, or SQLite's
                    // busy snapshot): read the new tail and chain onto it.
                    await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<AuditEvent>> TryAppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        insert ??= AuditInsert.For(db);
        // SQL Server retries transient faults; a retried unit must be the whole transaction, tail read included.
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, records, now, insert), static (_, state, ct) => AppendInTransactionAsync(state.db, state.records, state.now, state.insert, ct),
            null, cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditEvent>> AppendInTransactionAsync(PortalDbContext db, IReadOnlyList<AuditRecord> records, DateTime now,
        AuditInsert insert, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var tail = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = tail?.Sequence ?? 0;
        var previous = tail?.Hash ?? AuditHash.Genesis;

        // One prepared INSERT for every row rather than the change tracker and SaveChanges, which cost several times the insert.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = insert.Sql;

        var events = new List<AuditEvent>(records.Count);
        foreach (var r in records)
        {
            var e = new AuditEvent
            {
                Sequence = ++sequence,
                OccurredAtUtc = now,
                ActorId = r.ActorId,
                Action = r.Action,
                TargetType = r.TargetType,
                TargetId = r.TargetId,
                SubjectId = r.SubjectId,
                ClientIp = r.ClientIp,
                Outcome = r.Outcome,
                Detail = r.Detail,
                PreviousHash = previous,
            };
            e.Hash = AuditHash.Compute(e);
            previous = e.Hash;
            insert.Bind(command, e);
            await command.ExecuteNonQueryAsync(cancellationToken);
            events.Add(e);
        }

        await transaction.CommitAsync(cancellationToken);
        return events;
    }
}

/// <summary>
/// The INSERT for one audit event, built from the EF model: table, columns and parameter types (value converters
/// included) are the ones SaveChanges would use, so each provider stores exactly what the hash covers.
/// </summary>
internal sealed class AuditInsert
{
    private readonly (IProperty Property, RelationalTypeMapping Mapping, string Parameter)[] columns;

    private AuditInsert(string sql, (IProperty, RelationalTypeMapping, string)[] columns)
    {
        Sql = sql;
        this.columns = columns;
    }

    public string Sql { get; }

    public static AuditInsert For(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(AuditEvent))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Select((p, i) => (p, p.GetRelationalTypeMapping(), sql.GenerateParameterName("p" + i)))
            .ToArray();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.p.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Item3))})";
        return new AuditInsert(text, columns);
    }

    /// <summary>Fresh parameters for each row, so each provider sizes them for the actual value, as SaveChanges does.</summary>
    public void Bind(DbCommand command, AuditEvent e)
    {
        command.Parameters.Clear();
        foreach (var (property, mapping, parameter) in columns)
        {
            command.Parameters.Add(mapping.CreateParameter(command, parameter, property.GetGetter().GetClrValue(e), property.IsNullable));
        }
    }
}
