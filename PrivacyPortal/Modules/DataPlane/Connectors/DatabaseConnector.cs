using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

public sealed class DatabaseConnectorOptions
{
    public const string Section = "Connectors:Database";

    /// <summary>
    /// Rows per erase statement. Each batch is its own transaction. SQL Server escalates row locks to a table lock
    /// at about 5,000 locks on one statement, so batches stay below that (<see cref="DatabaseConnector.MaxBatchSize"/>).
    /// </summary>
    public int BatchSize { get; set; } = 4000;

    public int CommandTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// The only folders a SQLite target may be in (relative paths under the content root). Empty: no SQLite file
    /// targets at all. The portal's own stores are refused even inside one of these (<see cref="ConnectionGuard"/>).
    /// </summary>
    public string[] FileFolders { get; set; } = [];
}

/// <summary>
/// Reaches a SQLite or SQL Server database through a <see cref="DatabaseMapping"/>. Values are always parameters;
/// table and column names come only from a mapping that <see cref="ValidateAsync"/> found in the live schema, and
/// are checked again against the schema on every call.
/// </summary>
public sealed partial class DatabaseConnector(IOptions<DatabaseConnectorOptions> options, ConnectionGuard guard) : IConnector
{
    public const int MaxBatchSize = 5000;

    public ConnectorKind Kind => ConnectorKind.Database;

    private int BatchSize => Math.Clamp(options.Value.BatchSize, 1, MaxBatchSize);

    /// <summary>Checks a mapping against the live database; returns the mapping spelled as the schema spells its names.</summary>
    public async Task<(IReadOnlyList<MappingProblem> Problems, DatabaseMapping? Mapping)> ValidateAsync(
        string provider, string connectionString, DatabaseMapping mapping, IReadOnlyCollection<string> categoryKeys, CancellationToken cancellationToken)
    {
        DatabaseSchema schema;
        try
        {
            await using var connection = guard.Create(provider, connectionString, readOnly: true);
            await connection.OpenAsync(cancellationToken);
            schema = await DatabaseSchema.ReadAsync(provider, connection, cancellationToken);
        }
        catch (ConnectionRefusedException refused)
        {
            return ([new MappingProblem(refused.Key)], null);
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException)
        {
            return ([new MappingProblem("Connectors.Db.CannotConnect", Masking.Scrub(e.Message))], null);
        }
        return Validate(schema, mapping, categoryKeys);
    }

    public static (IReadOnlyList<MappingProblem> Problems, DatabaseMapping? Mapping) Validate(DatabaseSchema schema, DatabaseMapping mapping, IReadOnlyCollection<string> categoryKeys)
    {
        var problems = new List<MappingProblem>();
        if (mapping.Tables.Count == 0)
        {
            problems.Add(new("Connectors.Db.NoTables"));
        }
        var tables = new List<TableMapping>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in mapping.Tables)
        {
            var name = schema.Table(table.Table);
            if (name is null)
            {
                problems.Add(new("Connectors.Db.UnknownTable", table.Table));
                continue;
            }
            if (!seen.Add(name))
            {
                problems.Add(new("Connectors.Db.TableTwice", name));
                continue;
            }
            string? Column(string? column)
            {
                var found = schema.Column(name, column);
                if (found is null)
                {
                    problems.Add(new("Connectors.Db.UnknownColumn", name, column ?? ""));
                }
                return found;
            }
            if (table.IdentifierColumns.Count == 0)
            {
                problems.Add(new("Connectors.Db.NoIdentifier", name));
            }
            var identifiers = table.IdentifierColumns.Select(i => (Column: Column(i.Column), i.Kind)).Where(i => i.Column is not null)
                .Select(i => new IdentifierColumn(i.Column!, i.Kind)).ToList();
            var categories = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (category, columns) in table.CategoryColumns)
            {
                if (!categoryKeys.Contains(category))
                {
                    problems.Add(new("Connectors.Db.UnknownCategory", name, category));
                    continue;
                }
                var resolved = columns.Select(Column).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                if (resolved.Count > 0)
                {
                    categories[category] = resolved;
                }
            }
            if (table.CategoryColumns.Count == 0 || table.CategoryColumns.All(c => c.Value.Count == 0))
            {
                problems.Add(new("Connectors.Db.NoCategories", name));
            }
            var timestamp = string.IsNullOrWhiteSpace(table.TimestampColumn) ? null : Column(table.TimestampColumn);
            var accountClosed = string.IsNullOrWhiteSpace(table.AccountClosedColumn) ? null : Column(table.AccountClosedColumn);
            var erasureColumns = table.Erasure == ErasureAction.NullColumns
                ? table.ErasureColumns.Select(Column).OfType<string>().Distinct(StringComparer.Ordinal).ToList()
                : [];
            if (table.Erasure == ErasureAction.NullColumns)
            {
                // Clearing columns erases only if it unlinks the row from the person: every identifier column goes.
                foreach (var identifier in identifiers.Where(i => !erasureColumns.Contains(i.Column)))
                {
                    problems.Add(new("Connectors.Db.ErasureKeepsIdentifier", name, identifier.Column));
                }
            }
            tables.Add(table with { Table = name, IdentifierColumns = identifiers, CategoryColumns = categories, TimestampColumn = timestamp, AccountClosedColumn = accountClosed, ErasureColumns = erasureColumns });
        }
        return problems.Count == 0 ? (problems, new DatabaseMapping { Tables = tables }) : (problems, null);
    }

    public async Task<FindOutcome> FindAsync(ConnectorTarget target, SubjectKeys subject, CancellationToken cancellationToken)
    {
        try
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var connection = await OpenCheckedAsync(target, cancellationToken);
            foreach (var table in target.Mapping!.Tables)
            {
                await using var command = connection.Command();
                var where = Where(command, target, table, subject);
                if (where is null)
                {
                    continue;
                }
                command.CommandText = $"SELECT COUNT(*) FROM {Q(target, table.Table)} WHERE {where}";
                var rows = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                foreach (var category in table.CategoryColumns.Keys)
                {
                    counts[category] = counts.GetValueOrDefault(category) + rows;
                }
            }
            return new FindOutcome(StepStatus.Done, counts);
        }
        catch (Exception e) when (IsExpected(e))
        {
            return FindOutcome.Failed(Describe(e));
        }
    }

    public async Task<StepOutcome> ExportAsync(ConnectorTarget target, SubjectKeys subject, IExportWriter writer, OperationStepRef step, CancellationToken cancellationToken)
    {
        try
        {
            long rows = 0;
            await using var connection = await OpenCheckedAsync(target, cancellationToken);
            foreach (var table in target.Mapping!.Tables)
            {
                await using var command = connection.Command();
                var where = Where(command, target, table, subject);
                if (where is null)
                {
                    continue;
                }
                var columns = table.CategoryColumns.Values.SelectMany(c => c).Append(table.TimestampColumn).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Q(target, c)))} FROM {Q(target, table.Table)} WHERE {where}";
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
                var values = new string?[columns.Count];
                while (await reader.ReadAsync(cancellationToken))
                {
                    for (var i = 0; i < columns.Count; i++)
                    {
                        values[i] = Text(reader.GetValue(i));
                    }
                    foreach (var (category, categoryColumns) in table.CategoryColumns)
                    {
                        var fields = new List<KeyValuePair<string, string?>>(categoryColumns.Count + 1);
                        foreach (var column in categoryColumns)
                        {
                            fields.Add(new(column, values[columns.IndexOf(column)]));
                        }
                        if (table.TimestampColumn is { } ts && !categoryColumns.Contains(ts))
                        {
                            fields.Add(new(ts, values[columns.IndexOf(ts)]));
                        }
                        await writer.WriteAsync(category, table.Table, fields, cancellationToken);
                    }
                    rows++;
                }
            }
            return new StepOutcome(StepStatus.Done, rows);
        }
        catch (Exception e) when (IsExpected(e))
        {
            return StepOutcome.Failed(Describe(e));
        }
    }

    /// <summary>Deletes or clears the person's rows, table by table, in batches of at most <see cref="MaxBatchSize"/>, one transaction each.</summary>
    public async Task<StepOutcome> EraseAsync(ConnectorTarget target, SubjectKeys subject, OperationStepRef step, CancellationToken cancellationToken)
    {
        long rows = 0;
        try
        {
            await using var connection = await OpenCheckedAsync(target, cancellationToken);
            foreach (var table in target.Mapping!.Tables)
            {
                while (true)
                {
                    await using var transaction = await connection.Db.BeginTransactionAsync(cancellationToken);
                    await using var command = connection.Command();
                    command.Transaction = transaction;
                    var where = Where(command, target, table, subject);
                    if (where is null)
                    {
                        break;
                    }
                    command.CommandText = BatchStatement(target, table, where, command);
                    var affected = await command.ExecuteNonQueryAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    rows += affected;
                    if (affected < BatchSize)
                    {
                        break;
                    }
                }
            }
            return new StepOutcome(StepStatus.Done, rows);
        }
        catch (Exception e) when (IsExpected(e))
        {
            // Batches already committed stay done; running the step again finds only what is left.
            return new StepOutcome(StepStatus.Failed, rows, Describe(e));
        }
    }

    /// <summary>
    /// A correction (statement 6.1): sets one mapped category column to the corrected value in the person's rows of
    /// one table, in one transaction. Identifier columns are not corrected this way (they decide whose rows these are).
    /// </summary>
    public async Task<StepOutcome> CorrectAsync(ConnectorTarget target, SubjectKeys subject, string table, string column, string value, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenCheckedAsync(target, cancellationToken);
            var (mapping, mapped) = CorrectableColumn(target.Mapping!, table, column);
            if (mapping is null || mapped is null)
            {
                throw new MappingException($"{table}.{column} is not a mapped category column");
            }
            await using var transaction = await connection.Db.BeginTransactionAsync(cancellationToken);
            await using var command = connection.Command();
            command.Transaction = transaction;
            var where = Where(command, target, mapping, subject);
            if (where is null)
            {
                return new StepOutcome(StepStatus.Done, 0);
            }
            Add(command, "@value", value);
            command.CommandText = $"UPDATE {Q(target, mapping.Table)} SET {Q(target, mapped)} = @value WHERE {where}";
            var changed = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new StepOutcome(StepStatus.Done, changed);
        }
        catch (Exception e) when (IsExpected(e))
        {
            return StepOutcome.Failed(Describe(e));
        }
    }

    /// <summary>The table and column as mapped, when the column holds a category and is not an identifier; otherwise nulls.</summary>
    public static (TableMapping? Table, string? Column) CorrectableColumn(DatabaseMapping mapping, string table, string column)
    {
        var t = mapping.Tables.SingleOrDefault(x => string.Equals(x.Table, table, StringComparison.OrdinalIgnoreCase));
        var c = t?.CategoryColumns.Values.SelectMany(x => x).FirstOrDefault(x => string.Equals(x, column, StringComparison.OrdinalIgnoreCase));
        return t is null || c is null || t.IdentifierColumns.Any(i => string.Equals(i.Column, c, StringComparison.OrdinalIgnoreCase)) ? (null, null) : (t, c);
    }

    private string BatchStatement(ConnectorTarget target, TableMapping table, string where, DbCommand command)
    {
        var t = Q(target, table.Table);
        Add(command, "@n", BatchSize);
        var set = string.Join(", ", table.ErasureColumns.Select(c => $"{Q(target, c)} = NULL"));
        if (target.DatabaseProvider == DatabaseProviders.SqlServer)
        {
            return table.Erasure == ErasureAction.DeleteRow
                ? $"DELETE TOP (@n) FROM {t} WHERE {where}"
                : $"UPDATE TOP (@n) {t} SET {set} WHERE {where}";
        }
        var rowIds = $"rowid IN (SELECT rowid FROM {t} WHERE {where} LIMIT @n)";
        return table.Erasure == ErasureAction.DeleteRow
            ? $"DELETE FROM {t} WHERE {rowIds}"
            : $"UPDATE {t} SET {set} WHERE {rowIds}";
    }

    /// <summary>Rows that belong to the person: any identifier column equal to one of their values of that kind; null when none apply.</summary>
    private static string? Where(DbCommand command, ConnectorTarget target, TableMapping table, SubjectKeys subject)
    {
        var clauses = new List<string>();
        var n = 0;
        foreach (var column in table.IdentifierColumns)
        {
            var names = new List<string>();
            foreach (var value in subject.ValuesOf(column.Kind))
            {
                var name = $"@k{n++}";
                Add(command, name, value);
                names.Add(name);
            }
            if (names.Count > 0)
            {
                clauses.Add($"{Q(target, column.Column)} IN ({string.Join(", ", names)})");
            }
        }
        return clauses.Count == 0 ? null : string.Join(" OR ", clauses);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Q(ConnectorTarget target, string name) => DatabaseProviders.Quote(target.DatabaseProvider!, name);

    private static string? Text(object value) => value switch
    {
        DBNull => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToBase64String(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Opens the connection and re-checks the stored mapping against today's schema (it may have changed since it was saved).</summary>
    private async Task<CheckedConnection> OpenCheckedAsync(ConnectorTarget target, CancellationToken cancellationToken)
    {
        if (target.Mapping is null || target.DatabaseProvider is null || string.IsNullOrEmpty(target.Secret))
        {
            throw new MappingException("the connector is not configured");
        }
        DbConnection connection;
        try
        {
            connection = guard.Create(target.DatabaseProvider, target.Secret, readOnly: false);
        }
        catch (ConnectionRefusedException refused)
        {
            throw new MappingException("the connection is refused: " + refused.Key.Split('.')[^1]);
        }
        try
        {
            await connection.OpenAsync(cancellationToken);
            var schema = await DatabaseSchema.ReadAsync(target.DatabaseProvider, connection, cancellationToken);
            var (problems, _) = Validate(schema, target.Mapping, target.CategoryKeys);
            if (problems.Count > 0)
            {
                throw new MappingException("the mapping no longer matches the database: " + string.Join("; ", problems.Select(p => $"{p.Key.Split('.')[^1]} {string.Join(' ', p.Args)}")));
            }
            return new CheckedConnection(connection, options.Value.CommandTimeoutSeconds);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static bool IsExpected(Exception e) => e is DbException or MappingException or InvalidOperationException or TimeoutException;

    private static string Describe(Exception e) => Masking.Scrub(e is MappingException ? e.Message : $"{e.GetType().Name}: {e.Message}");

    private sealed class MappingException(string message) : InvalidOperationException(message);

    internal sealed class CheckedConnection(DbConnection connection, int timeoutSeconds) : IAsyncDisposable
    {
        public DbConnection Db { get; } = connection;

        public DbCommand Command()
        {
            var command = Db.CreateCommand();
            command.CommandTimeout = timeoutSeconds;
            return command;
        }

        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }
}
