using System.Data.Common;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";

    public static readonly IReadOnlyList<string> All = [Sqlite, SqlServer];

    /// <summary>
    /// A table or column name inside SQL. Only names read back from the live schema reach this (see
    /// <see cref="DatabaseSchema"/>), and quoting escapes the quote character as well.
    /// </summary>
    public static string Quote(string provider, string name) => provider == SqlServer
        ? string.Join('.', name.Split('.').Select(part => "[" + part.Replace("]", "]]", StringComparison.Ordinal) + "]"))
        : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>The tables and columns a database really has; mapping names are checked against (and spelled as) these.</summary>
public sealed class DatabaseSchema(IReadOnlyDictionary<string, IReadOnlyList<string>> tables)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tables { get; } = tables;

    /// <summary>The table's name as the database spells it, or null.</summary>
    public string? Table(string? name) =>
        name is null ? null : Tables.Keys.FirstOrDefault(t => string.Equals(t, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public string? Column(string table, string? name) =>
        name is null || !Tables.TryGetValue(table, out var columns) ? null : columns.FirstOrDefault(c => string.Equals(c, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static async Task<DatabaseSchema> ReadAsync(string provider, DbConnection connection, CancellationToken cancellationToken)
    {
        var tables = new SortedDictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseProviders.SqlServer
            ? "SELECT TABLE_SCHEMA + '.' + TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS c WHERE EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TABLES t WHERE t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE') ORDER BY 1, ORDINAL_POSITION"
            : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var table = reader.GetString(0);
            if (!tables.TryGetValue(table, out var columns))
            {
                tables[table] = columns = [];
            }
            columns.Add(reader.GetString(1));
        }
        return new DatabaseSchema(tables.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value, StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>One thing wrong with a mapping: a resource key and its arguments (table, column...).</summary>
public sealed record MappingProblem(string Key, params string[] Args);
