using System.Text.Json;
using System.Text.Json.Serialization;
using PrivacyPortal.Modules.DataPlane.Subjects;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>
/// Where one database keeps personal information: per table, the columns that identify the person, the columns
/// of each category, the timestamp retention counts from, and what erasure does. Names are only ever used after
/// <see cref="DatabaseConnector.ValidateAsync"/> has found them in the live schema.
/// </summary>
public sealed record DatabaseMapping
{
    public List<TableMapping> Tables { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DatabaseMapping FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new DatabaseMapping() : JsonSerializer.Deserialize<DatabaseMapping>(json, Json) ?? new DatabaseMapping();
}

public sealed record TableMapping
{
    public string Table { get; init; } = "";

    /// <summary>Columns holding an identifier of the person; a row belongs to the person when any of them matches.</summary>
    public List<IdentifierColumn> IdentifierColumns { get; init; } = [];

    /// <summary>Category key → the columns of that category in this table.</summary>
    public Dictionary<string, List<string>> CategoryColumns { get; init; } = [];

    /// <summary>The record's timestamp, which retention rules count from; null when the table has none.</summary>
    public string? TimestampColumn { get; init; }

    /// <summary>
    /// When the account the row belongs to was closed (NULL while it is open): what "kept while the account is
    /// active + N" rules count from. Null when the table has no such column.
    /// </summary>
    public string? AccountClosedColumn { get; init; }

    public ErasureAction Erasure { get; init; } = ErasureAction.DeleteRow;

    /// <summary>For <see cref="ErasureAction.NullColumns"/>: the columns set to NULL. Must include every identifier column.</summary>
    public List<string> ErasureColumns { get; init; } = [];
}

public sealed record IdentifierColumn(string Column, IdentifierKind Kind);

/// <summary>What a retention period counts from: the record's own timestamp, or the closing of its account.</summary>
public enum PurgeAnchor
{
    RecordTime,
    AccountClosed,
}

public enum ErasureAction
{
    DeleteRow,
    /// <summary>Keep the row (e.g. for totals) but clear the named columns, which unlinks it from the person.</summary>
    NullColumns,
}
