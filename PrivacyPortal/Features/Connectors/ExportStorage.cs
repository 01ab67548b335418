using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Features.Connectors;

public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Where packages and their parts are kept (encrypted), relative to the content root.</summary>
    public string Folder { get; set; } = "App_Data/exports";

    /// <summary>A package is deleted this many days after it was made.</summary>
    public int ExpiryDays { get; set; } = 7;
}

/// <summary>Where an operation's files live: per-system parts while it runs, then the package.</summary>
public sealed class ExportStorage(IOptions<ExportOptions> options, IHostEnvironment environment, EncryptedFiles files)
{
    public EncryptedFiles Files { get; } = files;

    public string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public int ExpiryDays => Math.Max(1, options.Value.ExpiryDays);

    public string PartsFolder(long operationId, int systemId) => Path.Combine(Root, "parts", operationId.ToString(System.Globalization.CultureInfo.InvariantCulture), systemId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string OperationPartsFolder(long operationId) => Path.Combine(Root, "parts", operationId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string PackagePath(string fileName) => Path.Combine(Root, fileName);

    public static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// Receives one system's records and keeps them as one encrypted JSON-lines part per category, so the package can
/// later write one JSON and one CSV per category without holding anything in memory.
/// </summary>
public sealed class ExportPartWriter(EncryptedFiles files, string folder) : IExportWriter, IAsyncDisposable
{
    private readonly Dictionary<string, (Stream Stream, Utf8JsonWriter Json)> parts = new(StringComparer.Ordinal);

    public Dictionary<string, long> Rows { get; } = new(StringComparer.Ordinal);

    public ValueTask WriteAsync(string categoryKey, string source, IReadOnlyList<KeyValuePair<string, string?>> fields, CancellationToken cancellationToken)
    {
        if (!parts.TryGetValue(categoryKey, out var part))
        {
            var stream = files.Create(Path.Combine(folder, PartName(categoryKey)));
            part = (stream, new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            parts[categoryKey] = part;
        }
        var json = part.Json;
        json.WriteStartObject();
        json.WriteString("s", source);
        json.WriteStartObject("f");
        foreach (var (name, value) in fields)
        {
            json.WriteString(name, value);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        part.Stream.WriteByte((byte)'\n');
        Rows[categoryKey] = Rows.GetValueOrDefault(categoryKey) + 1;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (stream, json) in parts.Values)
        {
            await json.DisposeAsync();
            await stream.DisposeAsync();
        }
        parts.Clear();
    }

    /// <summary>Category keys are staff-chosen: the file name keeps only safe characters, plus a hash so two keys never collide.</summary>
    public static string PartName(string categoryKey)
    {
        var safe = new string(categoryKey.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(categoryKey)))[..8];
        return $"{safe}.{hash}.jsonl";
    }

    /// <summary>Reads a part back: (source, fields) per record, streaming.</summary>
    public static async IAsyncEnumerable<(string Source, List<KeyValuePair<string, string?>> Fields)> ReadAsync(EncryptedFiles files, string path,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = files.OpenRead(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            var fields = new List<KeyValuePair<string, string?>>();
            foreach (var property in document.RootElement.GetProperty("f").EnumerateObject())
            {
                fields.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString()));
            }
            yield return (document.RootElement.GetProperty("s").GetString() ?? "", fields);
        }
    }
}
