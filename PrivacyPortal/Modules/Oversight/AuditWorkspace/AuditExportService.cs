using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.Oversight.AuditWorkspace;

public enum AuditExportFormat
{
    Csv,
    Xlsx,

    /// <summary>One JSON object per event, every stored field with the previous hash, oldest first: what an outside verifier reads (docs/audit-trail.md).</summary>
    Jsonl,
}

public sealed record AuditExportResult(long Rows, string Sha256, string Signature, string KeyId, bool Truncated, long AuditSequence);

/// <summary>
/// Streams search results as CSV or XLSX: rows are read with a forward-only query and written as they come, so an export
/// of millions of events holds one buffer, not the result. The bytes are hashed as they are written; the hash is signed
/// with the checkpoint key and recorded with the query, the time and the exporter as an <see cref="AuditActions.Exported"/> event.
/// </summary>
public sealed class AuditExportService(IDbContextFactory<PortalDbContext> contexts, AuditSearchService search, AuditSigningKey key, AuditTrail trail, AccessGuard access)
{
    /// <summary>A worksheet holds 1,048,576 rows; one is the header.</summary>
    public const int XlsxMaxRows = 1_048_575;

    private const int DrainEvery = 2_000;

    /// <summary>UTC to the tick (100 ns), as the hash covers it.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly string[] Columns =
        ["sequence", "occurred_at_utc", "actor_id", "action", "target_type", "target_id", "subject_id", "client_ip", "outcome", "detail", "hash"];

    /// <summary>The first line of a JSON Lines export: names the format and the search it holds ("" for the whole trail).</summary>
    public const string TrailFormat = "privacy-portal/audit-trail/v1";

    public static string Extension(AuditExportFormat format) => format.ToString().ToLowerInvariant();

    public static AuditExportFormat? Parse(string extension) => Enum.TryParse<AuditExportFormat>(extension, true, out var format) ? format : null;

    public static string FileName(AuditExportFormat format, DateTime utc) => $"audit-{utc:yyyyMMdd-HHmmss}.{Extension(format)}";

    public static string ContentType(AuditExportFormat format) => format switch
    {
        AuditExportFormat.Csv => "text/csv; charset=utf-8",
        AuditExportFormat.Jsonl => "application/jsonl; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>Validates the filter; when valid, writes the export to <paramref name="output"/> and records it.</summary>
    public async Task<(FieldErrors Errors, AuditExportResult? Result)> ExportAsync(AuditFilter filter, AuditSort sort, AuditExportFormat format, Stream output,
        CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.AuditReview, "audit.export");
        var errors = search.Validate(filter, out var criteria);
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        var hashing = new HashingStream(output);
        long rows;
        bool truncated;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var matching = AuditSearchService.Apply(db.AuditEvents.AsNoTracking(), criteria!);
            var query = AuditSearchService.Order(matching, sort);
            (rows, truncated) = format switch
            {
                AuditExportFormat.Csv => (await WriteCsvAsync(query, hashing, cancellationToken), false),
                AuditExportFormat.Jsonl => (await WriteJsonLinesAsync(matching.OrderBy(e => e.Sequence), AuditQueryString.Build(filter), hashing, cancellationToken), false),
                _ => await WriteXlsxAsync(query, hashing, cancellationToken),
            };
        }
        var sha256 = hashing.Finish();
        var signature = key.Sign(SignedPayload(sha256));
        var recorded = await trail.RecordAsync(AuditActions.Exported, targetType: "audit-export", targetId: format.ToString().ToLowerInvariant(),
            detail: new { format = format.ToString(), filter, sort = sort.ToString(), rows, truncated, sha256, keyId = key.KeyId, signature },
            cancellationToken: cancellationToken);
        return (errors, new AuditExportResult(rows, sha256, signature, key.KeyId, truncated, recorded.Sequence));
    }

    /// <summary>What the export signature covers: the file's SHA-256 in hex, under a fixed label.</summary>
    public static byte[] SignedPayload(string sha256Hex) => Encoding.UTF8.GetBytes("privacy-portal/audit-export/v1\n" + sha256Hex.ToLowerInvariant());

    /// <summary>The columns an export writes: the stored previous hash is left out (each row's own hash is there).</summary>
    private sealed record Row(long Sequence, DateTime OccurredAtUtc, string ActorId, string Action, string? TargetType, string? TargetId,
        string? SubjectId, string? ClientIp, AuditOutcome Outcome, string? Detail, byte[] Hash);

    /// <summary>
    /// Rows read synchronously: SQLite reads are synchronous underneath, and EF's async enumeration costs more per row than
    /// the row itself; only writes to the response are awaited (<see cref="HashingStream.DrainAsync"/>).
    /// </summary>
    private static IEnumerable<Row> Rows(IQueryable<AuditEvent> query) => query
        .Select(e => new Row(e.Sequence, e.OccurredAtUtc, e.ActorId, e.Action, e.TargetType, e.TargetId, e.SubjectId, e.ClientIp, e.Outcome, e.Detail, e.Hash))
        .AsEnumerable();

    private static async Task<long> WriteCsvAsync(IQueryable<AuditEvent> query, HashingStream output, CancellationToken cancellationToken)
    {
        // UTF-8 with a byte order mark: spreadsheet programs then read Chinese text correctly.
        var writer = new StreamWriter(output, new UTF8Encoding(true), 1 << 16) { NewLine = "\r\n" };
        await writer.WriteLineAsync(CsvWriter.Line(Columns));
        long rows = 0;
        var line = new StringBuilder(512);
        foreach (var e in Rows(query))
        {
            line.Clear();
            line.Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.OccurredAtUtc.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append(',');
            CsvWriter.Append(line, e.ActorId).Append(',');
            CsvWriter.Append(line, e.Action).Append(',');
            CsvWriter.Append(line, e.TargetType).Append(',');
            CsvWriter.Append(line, e.TargetId).Append(',');
            CsvWriter.Append(line, e.SubjectId).Append(',');
            CsvWriter.Append(line, e.ClientIp).Append(',');
            line.Append(e.Outcome.ToString()).Append(',');
            CsvWriter.Append(line, e.Detail).Append(',');
            line.Append(Convert.ToHexStringLower(e.Hash));
            writer.WriteLine(line);
            if (++rows % DrainEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.FlushAsync(cancellationToken);
                await output.DrainAsync(cancellationToken);
            }
        }
        await writer.FlushAsync(cancellationToken);
        await output.DrainAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// The verifiable form: a header line, then each event as it is stored (null stays null, the time to the tick, both
    /// hashes in hex) in sequence order, so the chain can be recomputed from the file alone.
    /// </summary>
    private static async Task<long> WriteJsonLinesAsync(IQueryable<AuditEvent> query, string filter, HashingStream output, CancellationToken cancellationToken)
    {
        var newLine = "\n"u8.ToArray();
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        json.WriteStartObject();
        json.WriteString("format", TrailFormat);
        json.WriteString("filter", filter);
        json.WriteEndObject();
        json.Flush();
        output.Write(newLine);
        long rows = 0;
        foreach (var e in query.AsEnumerable())
        {
            json.Reset();
            json.WriteStartObject();
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("occurred_at_utc", e.OccurredAtUtc.ToString(TimeFormat, CultureInfo.InvariantCulture));
            json.WriteString("actor_id", e.ActorId);
            json.WriteString("action", e.Action);
            json.WriteString("target_type", e.TargetType);
            json.WriteString("target_id", e.TargetId);
            json.WriteString("subject_id", e.SubjectId);
            json.WriteString("client_ip", e.ClientIp);
            json.WriteString("outcome", e.Outcome.ToString());
            json.WriteString("detail", e.Detail);
            json.WriteString("previous_hash", Convert.ToHexStringLower(e.PreviousHash));
            json.WriteString("hash", Convert.ToHexStringLower(e.Hash));
            json.WriteEndObject();
            json.Flush();
            output.Write(newLine);
            if (++rows % DrainEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await output.DrainAsync(cancellationToken);
            }
        }
        await output.DrainAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// A minimal SpreadsheetML package written by hand: the fixed parts, then one worksheet of inline strings streamed row by
    /// row. ZIP entries are written with data descriptors, so nothing needs to seek or be held back.
    /// </summary>
    private static async Task<(long Rows, bool Truncated)> WriteXlsxAsync(IQueryable<AuditEvent> query, HashingStream output, CancellationToken cancellationToken)
    {
        long rows = 0;
        var truncated = false;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part(zip, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="audit" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            await output.DrainAsync(cancellationToken);

            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            using var sheet = new StreamWriter(entry.Open(), new UTF8Encoding(false), 1 << 16);
            sheet.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            var line = new StringBuilder(1024);
            line.Append("<row>");
            foreach (var c in Columns)
            {
                Cell(line, c);
            }
            sheet.Write(line.Append("</row>"));
            foreach (var e in Rows(query))
            {
                if (rows == XlsxMaxRows)
                {
                    truncated = true;
                    break;
                }
                line.Clear().Append("<row><c><v>").Append(e.Sequence.ToString(CultureInfo.InvariantCulture)).Append("</v></c>");
                Cell(line, e.OccurredAtUtc.ToString(TimeFormat, CultureInfo.InvariantCulture));
                Cell(line, e.ActorId);
                Cell(line, e.Action);
                Cell(line, e.TargetType);
                Cell(line, e.TargetId);
                Cell(line, e.SubjectId);
                Cell(line, e.ClientIp);
                Cell(line, e.Outcome.ToString());
                Cell(line, e.Detail);
                Cell(line, Convert.ToHexStringLower(e.Hash));
                sheet.Write(line.Append("</row>"));
                if (++rows % DrainEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    sheet.Flush();
                    await output.DrainAsync(cancellationToken);
                }
            }
            sheet.Write("</sheetData></worksheet>");
        }
        await output.DrainAsync(cancellationToken);
        return (rows, truncated);
    }

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(xml.Trim());
    }

    private static void Cell(StringBuilder line, string? value)
    {
        if (value is null)
        {
            line.Append("<c/>");
            return;
        }
        line.Append("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '<': line.Append("&lt;"); break;
                case '>': line.Append("&gt;"); break;
                case '&': line.Append("&amp;"); break;
                case '"': line.Append("&quot;"); break;
                // Control characters are not allowed in XML 1.0; they cannot be in a cell.
                case < ' ' and not '\t' and not '\n' and not '\r': line.Append('\uFFFD'); break;
                default: line.Append(ch); break;
            }
        }
        line.Append("</t></is></c>");
    }
}

/// <summary>
/// Hashes every byte written and holds it until <see cref="DrainAsync"/> passes it on asynchronously: the ZIP and text writers
/// write synchronously, which a response body refuses, and the buffer stays as small as one batch of rows.
/// </summary>
public sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream pending = new();
    private long length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        pending.Write(buffer);
        length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (pending.Length == 0)
        {
            return;
        }
        await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        await inner.FlushAsync(cancellationToken);
        pending.SetLength(0);
    }

    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            pending.Dispose();
        }
        base.Dispose(disposing);
    }
}
