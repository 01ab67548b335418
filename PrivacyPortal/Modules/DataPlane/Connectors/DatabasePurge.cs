using System.Data.Common;
using System.Globalization;
using PrivacyPortal.Modules.DataPlane.Subjects;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>A purge's reach: rows it would remove, rows a legal hold keeps, the oldest anchor instant that stays.</summary>
public sealed record PurgeCounts(long Expired, long Held, DateTime? OldestKeptUtc);

public sealed partial class DatabaseConnector
{
    /// <summary>
    /// Opens a retention purge of one table at one cutoff. The mapping is checked against the live schema once, here;
    /// every count and batch after runs on this one connection. A row is expired when its anchor column (the record's
    /// timestamp, or when its account was closed) is before the cutoff; rows of <paramref name="held"/> subjects (a
    /// legal hold) stay. Tables whose erasure clears columns are anonymised rather than deleted.
    /// </summary>
    public async Task<TablePurge> OpenPurgeAsync(ConnectorTarget target, string table, PurgeAnchor anchor, DateTime cutoffUtc, IReadOnlyList<SubjectKeys> held, CancellationToken cancellationToken)
    {
        var connection = await OpenCheckedAsync(target, cancellationToken);
        try
        {
            var mapping = target.Mapping!.Tables.SingleOrDefault(t => string.Equals(t.Table, table, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Table {table} is not in the system's mapping.");
            var column = (anchor == PurgeAnchor.AccountClosed ? mapping.AccountClosedColumn : mapping.TimestampColumn)
                ?? throw new InvalidOperationException($"Table {mapping.Table} has no {(anchor == PurgeAnchor.AccountClosed ? "account-closed" : "timestamp")} column to purge by.");
            string? restore = null;
            if (target.DatabaseProvider == DatabaseProviders.Sqlite)
            {
                // For this connection only, and put back when the purge ends (the connection returns to the pool).
                // Each batch rewrites the index pages its rows sit on, scattered over every index: a 24 MB page cache
                // keeps them between batches; commits write the WAL without waiting for the disk (a batch lost to a
                // power cut is purged again by the next run, whose count comes from the rows left); and the WAL is
                // checkpointed every 50,000 pages rather than every 1,000, which alone halves the time.
                await using var mode = connection.Command();
                mode.CommandText = "PRAGMA journal_mode";
                var wal = string.Equals(Convert.ToString(await mode.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase);
                // Outside WAL, NORMAL could cost the database itself on a power cut: only the cache then.
                var settings = wal
                    ? new Dictionary<string, string> { ["cache_size"] = "-24576", ["synchronous"] = "NORMAL", ["wal_autocheckpoint"] = "50000" }
                    : new Dictionary<string, string> { ["cache_size"] = "-24576" };
                var before = new List<string>();
                foreach (var (name, value) in settings)
                {
                    await using var read = connection.Command();
                    read.CommandText = $"PRAGMA {name}";
                    before.Add($"PRAGMA {name} = {Convert.ToString(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture)};");
                    await using var write = connection.Command();
                    write.CommandText = $"PRAGMA {name} = {value}";
                    await write.ExecuteNonQueryAsync(cancellationToken);
                }
                // The WAL grew up to 200 MB: give the disk back (a reader still on it only postpones this).
                restore = (wal ? "PRAGMA wal_checkpoint(TRUNCATE);" : "") + string.Concat(before);
            }
            return new TablePurge(connection, target, mapping, column, cutoffUtc, held, restore);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>SQLite has no date type: timestamp columns hold ISO-8601 UTC text, which sorts as time does.</summary>
    public const string SqliteTimestampFormat = "yyyy-MM-dd HH:mm:ss";

    private static object CutoffValue(ConnectorTarget target, DateTime cutoffUtc) =>
        target.DatabaseProvider == DatabaseProviders.SqlServer ? cutoffUtc : cutoffUtc.ToString(SqliteTimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>One table's purge on one checked connection. Each batch is its own transaction.</summary>
    public sealed class TablePurge : IAsyncDisposable
    {
        private readonly CheckedConnection connection;
        private readonly ConnectorTarget target;
        private readonly TableMapping table;
        private readonly string anchor;
        private readonly DateTime cutoffUtc;
        private readonly IReadOnlyList<SubjectKeys> held;
        private readonly bool sqlite;
        private readonly string? restore;

        /// <summary>SQLite: the last rowid a batch reached. Batches walk the table in rowid order and never rescan what they passed.</summary>
        private long afterRowId;

        internal TablePurge(CheckedConnection connection, ConnectorTarget target, TableMapping table, string anchor, DateTime cutoffUtc, IReadOnlyList<SubjectKeys> held, string? restore)
        {
            this.restore = restore;
            this.connection = connection;
            this.target = target;
            this.table = table;
            this.anchor = anchor;
            this.cutoffUtc = cutoffUtc;
            this.held = held;
            sqlite = target.DatabaseProvider == DatabaseProviders.Sqlite;
        }

        /// <summary>Rows the purge would remove now, rows held subjects keep, and the oldest anchor instant at or after the cutoff.</summary>
        public async Task<PurgeCounts> CountAsync(CancellationToken cancellationToken)
        {
            var t = Q(target, table.Table);
            var expired = Convert.ToInt64(await ScalarAsync(c => $"SELECT COUNT(*) FROM {t} WHERE {Expired(c, heldOnly: false)}", cancellationToken), CultureInfo.InvariantCulture);
            var heldRows = held.Count == 0 ? 0 : Convert.ToInt64(await ScalarAsync(c => $"SELECT COUNT(*) FROM {t} WHERE {Expired(c, heldOnly: true)}", cancellationToken), CultureInfo.InvariantCulture);
            var oldest = await ScalarAsync(c =>
            {
                Add(c, "@cutoff", CutoffValue(target, cutoffUtc));
                var a = Q(target, anchor);
                return $"SELECT MIN({a}) FROM {t} WHERE {a} >= @cutoff";
            }, cancellationToken);
            DateTime? oldestKept = oldest switch
            {
                DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
                string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
                _ => null,
            };
            return new PurgeCounts(expired, heldRows, oldestKept);
        }

        /// <summary>Removes up to <paramref name="batchSize"/> expired rows in one transaction; fewer than the batch means none are left.</summary>
        public async Task<int> BatchAsync(int batchSize, CancellationToken cancellationToken)
        {
            var size = Math.Clamp(batchSize, 1, MaxBatchSize);
            var t = Q(target, table.Table);
            var set = string.Join(", ", table.ErasureColumns.Select(c => $"{Q(target, c)} = NULL"));
            await using var transaction = await connection.Db.BeginTransactionAsync(cancellationToken);
            await using var command = connection.Command();
            command.Transaction = transaction;
            var where = Expired(command, heldOnly: false);
            Add(command, "@n", size);
            int changed;
            if (!sqlite)
            {
                command.CommandText = table.Erasure == ErasureAction.DeleteRow
                    ? $"DELETE TOP (@n) FROM {t} WHERE {where}"
                    : $"UPDATE TOP (@n) {t} SET {set} WHERE {where}";
                changed = await command.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                // The batch's last rowid first, then the rows up to it: the range is read once, in table order, and
                // the next batch starts after it instead of scanning the kept rows before it again.
                Add(command, "@after", afterRowId);
                command.CommandText = $"SELECT MAX(rowid) FROM (SELECT rowid FROM {t} NOT INDEXED WHERE rowid > @after AND {where} ORDER BY rowid LIMIT @n)";
                if (await command.ExecuteScalarAsync(cancellationToken) is not long upTo)
                {
                    await transaction.CommitAsync(cancellationToken);
                    return 0;
                }
                Add(command, "@upto", upTo);
                var range = $"rowid > @after AND rowid <= @upto AND {where}";
                command.CommandText = table.Erasure == ErasureAction.DeleteRow
                    ? $"DELETE FROM {t} NOT INDEXED WHERE {range}"
                    : $"UPDATE {t} NOT INDEXED SET {set} WHERE {range}";
                changed = await command.ExecuteNonQueryAsync(cancellationToken);
                afterRowId = upTo;
            }
            await transaction.CommitAsync(cancellationToken);
            return changed;
        }

        public async ValueTask DisposeAsync()
        {
            if (restore is not null && connection.Db.State == System.Data.ConnectionState.Open)
            {
                await using var command = connection.Command();
                command.CommandText = restore;
                await command.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }

        private async Task<object?> ScalarAsync(Func<DbCommand, string> sql, CancellationToken cancellationToken)
        {
            await using var command = connection.Command();
            command.CommandText = sql(command);
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        }

        /// <summary>
        /// Expired rows not held (or, with <paramref name="heldOnly"/>, only the held ones). A table anonymised on
        /// erasure counts a row only while an identifier is still set. The held test is a CASE so that NULL
        /// identifiers count as "not held" rather than making the whole condition unknown.
        /// </summary>
        private string Expired(DbCommand command, bool heldOnly)
        {
            Add(command, "@cutoff", CutoffValue(target, cutoffUtc));
            var expired = $"{Q(target, anchor)} < @cutoff";
            if (table.Erasure == ErasureAction.NullColumns)
            {
                expired += $" AND ({string.Join(" OR ", table.IdentifierColumns.Select(i => $"{Q(target, i.Column)} IS NOT NULL"))})";
            }
            var clauses = new List<string>();
            var n = 0;
            foreach (var column in table.IdentifierColumns)
            {
                var names = new List<string>();
                foreach (var value in held.SelectMany(h => h.ValuesOf(column.Kind)).Distinct(StringComparer.Ordinal))
                {
                    var name = $"@h{n++}";
                    Add(command, name, value);
                    names.Add(name);
                }
                if (names.Count > 0)
                {
                    clauses.Add($"{Q(target, column.Column)} IN ({string.Join(", ", names)})");
                }
            }
            if (clauses.Count == 0)
            {
                return heldOnly ? "1 = 0" : expired;
            }
            var isHeld = $"(CASE WHEN {string.Join(" OR ", clauses)} THEN 1 ELSE 0 END)";
            return $"{expired} AND {isHeld} = {(heldOnly ? 1 : 0)}";
        }
    }
}
