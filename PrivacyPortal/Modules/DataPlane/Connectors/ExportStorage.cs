using System.Text;
using Microsoft.Extensions.Options;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

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
/// Receives one system's records and keeps them as one encrypted part per category, so the package can later
/// write one JSON and one CSV per category without holding anything in memory. A part is a sequence of records:
/// source, field count, then name and (nullable) value per field, as length-prefixed UTF-8 strings.
/// </summary>
public sealed class ExportPartWriter(EncryptedFiles files, string folder) : IExportWriter, IAsyncDisposable
{
    private readonly Dictionary<string, BinaryWriter> parts = new(StringComparer.Ordinal);

    public ValueTask WriteAsync(string categoryKey, string source, IReadOnlyList<KeyValuePair<string, string?>> fields, CancellationToken cancellationToken)
    {
        if (!parts.TryGetValue(categoryKey, out var part))
        {
            var stream = new BufferedStream(files.Create(Path.Combine(folder, PartName(categoryKey))), 64 * 1024);
            parts[categoryKey] = part = new BinaryWriter(stream, Encoding.UTF8);
        }
        part.Write(source);
        part.Write(fields.Count);
        foreach (var (name, value) in fields)
        {
            part.Write(name);
            part.Write(value is not null);
            if (value is not null)
            {
                part.Write(value);
            }
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var part in parts.Values)
        {
            part.Dispose();
        }
        parts.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>Category keys are staff-chosen: the file name keeps only safe characters, plus a hash so two keys never collide.</summary>
    public static string PartName(string categoryKey)
    {
        var safe = new string(categoryKey.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(categoryKey)))[..8];
        return $"{safe}.{hash}.part";
    }

    /// <summary>Reads a part back, record by record. The field list is reused between records: copy what you keep.</summary>
    public static IEnumerable<(string Source, List<KeyValuePair<string, string?>> Fields)> Read(EncryptedFiles files, string path)
    {
        using var reader = new BinaryReader(new BufferedStream(files.OpenRead(path), 64 * 1024), Encoding.UTF8);
        var fields = new List<KeyValuePair<string, string?>>();
        while (true)
        {
            string source;
            try
            {
                source = reader.ReadString();
            }
            catch (EndOfStreamException)
            {
                yield break;
            }
            fields.Clear();
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                fields.Add(new(name, reader.ReadBoolean() ? reader.ReadString() : null));
            }
            yield return (source, fields);
        }
    }
}
