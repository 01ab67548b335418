using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Resources;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>
/// Assembles an export operation's parts into the package a person receives: per category one JSON and one CSV
/// file, and a summary in Chinese and English that answers what PIPL art. 44-45 lets a person ask — what we hold,
/// where it is stored, why, how long, and who it was shared with.
/// </summary>
public sealed class ExportPackageBuilder(
    IDbContextFactory<PortalDbContext> contexts,
    ExportStorage storage,
    IStringLocalizer<SharedResource> localizer,
    PortalTime portalTime,
    TimeProvider time)
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<ExportPackage> BuildAsync(SubjectOperation operation, IReadOnlyList<(DataSystem System, SubjectOperationStep Step)> steps, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await db.Set<DataCategory>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var done = steps.Where(s => s.Step.Status == StepStatus.Done).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var fileName = $"{operation.Id.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.zip";
        var path = storage.PackagePath(fileName);
        var rowsByCategory = new Dictionary<string, long>(StringComparer.Ordinal);
        var hashing = new HashingStream(storage.Files.Create(path));
        await using (hashing)
        {
            using var zip = new ZipArchive(hashing, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
            foreach (var category in categories)
            {
                var parts = done.Select(s => (s.System, Path: Path.Combine(storage.PartsFolder(operation.Id, s.System.Id), ExportPartWriter.PartName(category.Key))))
                    .Where(p => File.Exists(p.Path)).ToList();
                if (parts.Count == 0)
                {
                    continue;
                }
                var fields = new List<string>();
                long rows = 0;
                await using (var entry = zip.CreateEntry($"{category.Key}.json", CompressionLevel.Fastest).Open())
                await using (var json = new Utf8JsonWriter(entry, JsonOptions))
                {
                    json.WriteStartObject();
                    json.WriteString("category", category.Key);
                    json.WriteString("name", category.NameZh);
                    json.WriteString("nameEn", category.NameEn);
                    json.WriteStartArray("records");
                    foreach (var (system, partPath) in parts)
                    {
                        foreach (var (source, values) in ExportPartWriter.Read(storage.Files, partPath))
                        {
                            json.WriteStartObject();
                            json.WriteString("system", system.Name);
                            json.WriteString("source", source);
                            json.WriteStartObject("fields");
                            foreach (var (name, value) in values)
                            {
                                json.WriteString(name, value);
                                if (!fields.Contains(name))
                                {
                                    fields.Add(name);
                                }
                            }
                            json.WriteEndObject();
                            json.WriteEndObject();
                            rows++;
                            if (json.BytesPending > 32 * 1024)
                            {
                                await json.FlushAsync(cancellationToken);
                            }
                        }
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                rowsByCategory[category.Key] = rows;
                await using (var entry = zip.CreateEntry($"{category.Key}.csv", CompressionLevel.Fastest).Open())
                await using (var csv = new StreamWriter(entry, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024) { NewLine = "\r\n" })
                {
                    // A byte-order mark so that Excel opens Chinese text correctly.
                    await csv.WriteLineAsync(CsvWriter.Line(["system", "source", .. fields]));
                    foreach (var (system, partPath) in parts)
                    {
                        foreach (var (source, values) in ExportPartWriter.Read(storage.Files, partPath))
                        {
                            var line = new string?[fields.Count + 2];
                            line[0] = system.Name;
                            line[1] = source;
                            foreach (var (name, value) in values)
                            {
                                line[fields.IndexOf(name) + 2] = value;
                            }
                            await csv.WriteLineAsync(CsvWriter.Line(line));
                        }
                    }
                }
            }
            var context = await SummaryContextAsync(db, operation, steps, categories, rowsByCategory, now, cancellationToken);
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                await using var entry = zip.CreateEntry($"summary.{culture}.txt", CompressionLevel.Fastest).Open();
                await using var writer = new StreamWriter(entry, new UTF8Encoding(true));
                await writer.WriteAsync(Summary(context, CultureInfo.GetCultureInfo(culture)));
            }
        }
        return new ExportPackage
        {
            OperationId = operation.Id,
            SubjectId = operation.SubjectId,
            FileName = fileName,
            SizeBytes = hashing.Length,
            Rows = rowsByCategory.Values.Sum(),
            Sha256 = hashing.HashHex,
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddDays(storage.ExpiryDays),
        };
    }

    private sealed record SummaryContext(
        string Reference,
        DateTime GeneratedAtUtc,
        IReadOnlyList<(DataCategory Category, long Rows)> Held,
        IReadOnlyList<(DataSystem System, SubjectOperationStep Step)> Systems,
        IReadOnlyList<Purpose> Purposes,
        IReadOnlyList<(Recipient Recipient, IReadOnlyList<DataCategory> Shared)> Recipients);

    private static async Task<SummaryContext> SummaryContextAsync(PortalDbContext db, SubjectOperation operation,
        IReadOnlyList<(DataSystem System, SubjectOperationStep Step)> steps, IReadOnlyList<DataCategory> categories,
        Dictionary<string, long> rowsByCategory, DateTime now, CancellationToken cancellationToken)
    {
        var held = categories.Where(c => rowsByCategory.GetValueOrDefault(c.Key) > 0).Select(c => (c, rowsByCategory[c.Key])).ToList();
        var heldIds = held.Select(h => h.c.Id).ToHashSet();
        var systemIds = steps.Where(s => s.Step.Status != StepStatus.Done || s.Step.Rows > 0).Select(s => s.System.Id).ToHashSet();
        var purposes = await db.Set<Purpose>().AsNoTracking().Include(p => p.Categories).Include(p => p.Systems).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var flows = await db.Set<DataFlow>().AsNoTracking().Include(f => f.Recipient!).ThenInclude(r => r.Categories)
            .Where(f => systemIds.Contains(f.SystemId)).ToListAsync(cancellationToken);
        var recipients = flows.Select(f => f.Recipient!).Where(r => r.IsActive).DistinctBy(r => r.Id).OrderBy(r => r.Name)
            .Select(r => (r, (IReadOnlyList<DataCategory>)r.Categories.Where(c => heldIds.Contains(c.Id)).OrderBy(c => c.Id).ToList()))
            .Where(r => r.Item2.Count > 0).ToList();
        return new SummaryContext(
            DataSubject.FormatReference(operation.SubjectId),
            now,
            held,
            steps.Where(s => systemIds.Contains(s.System.Id)).ToList(),
            purposes.Where(p => p.Categories.Any(c => heldIds.Contains(c.Id)) || p.Systems.Any(s => systemIds.Contains(s.Id))).ToList(),
            recipients);
    }

    private string Summary(SummaryContext c, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var zh = culture.Name.StartsWith("zh", StringComparison.Ordinal);
            string T(string key, params object[] args) => args.Length == 0 ? localizer[key] : string.Format(culture, localizer[key], args);
            // "- name: text" with the colon and separators each language uses.
            string Line(string head, params string[] parts) => $"- {head}{(zh ? "：" : ": ")}{string.Join(zh ? "；" : "; ", parts)}";
            var text = new StringBuilder();
            text.AppendLine(T("Exports.Summary.Title")).AppendLine();
            text.AppendLine(T("Exports.Summary.Generated", c.Reference, portalTime.Format(c.GeneratedAtUtc))).AppendLine();

            text.AppendLine(T("Exports.Summary.WhatWeHold"));
            foreach (var (category, rows) in c.Held)
            {
                var sensitive = category.IsSensitive ? T("Exports.Summary.Sensitive") : "";
                text.AppendLine(T("Exports.Summary.CategoryLine", category.Name(zh), sensitive, rows, category.Description(zh), category.Key));
            }
            if (c.Held.Count == 0)
            {
                text.AppendLine(T("Exports.Summary.NothingHeld"));
            }
            text.AppendLine().AppendLine(T("Exports.Summary.WhereStored"));
            foreach (var (system, step) in c.Systems)
            {
                var region = system.IsCrossBorder ? T("Exports.Summary.CrossBorder", system.StorageRegion) : T("Exports.Summary.Mainland");
                var state = step.Status == StepStatus.Done ? T("Exports.Summary.Included", step.Rows) : T("Exports.Summary.Separately");
                text.AppendLine(Line(system.Name, region, state));
            }
            text.AppendLine().AppendLine(T("Exports.Summary.Why"));
            foreach (var purpose in c.Purposes)
            {
                var basis = purpose.IsEssential ? T("Exports.Summary.Essential") : T("Exports.Summary.Consent");
                text.AppendLine(Line(zh ? $"{purpose.Name(zh)}（{basis}）" : $"{purpose.Name(zh)} ({basis})", zh ? purpose.DescriptionZh : purpose.DescriptionEn));
            }
            text.AppendLine().AppendLine(T("Exports.Summary.HowLong"));
            foreach (var (system, _) in c.Systems)
            {
                text.AppendLine(Line(system.Name, string.IsNullOrWhiteSpace(system.RetentionNote) ? T("Exports.Summary.RetentionDefault") : system.RetentionNote));
            }
            text.AppendLine().AppendLine(T("Exports.Summary.SharedWith"));
            foreach (var (recipient, shared) in c.Recipients)
            {
                var region = recipient.IsCrossBorder ? T("Exports.Summary.CrossBorder", recipient.Region) : T("Exports.Summary.Mainland");
                text.AppendLine(T("Exports.Summary.RecipientLine", recipient.Name, T($"Exports.Summary.RecipientType.{recipient.Type}"), region,
                    T($"Exports.Summary.Basis.{recipient.LegalBasis}"), string.Join(zh ? "、" : ", ", shared.Select(s => s.Name(zh)))));
            }
            if (c.Recipients.Count == 0)
            {
                text.AppendLine(T("Exports.Summary.SharedNone"));
            }
            text.AppendLine().AppendLine(T("Exports.Summary.Rights")).AppendLine(T("Exports.Summary.Contact"));
            return text.ToString();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Counts and hashes what passes through on its way to the encrypted file.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private string? hex;

        public string HashHex => hex ??= Convert.ToHexStringLower(hash.GetHashAndReset());

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }

        private long length;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            length += buffer.Length;
            inner.Write(buffer);
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

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _ = HashHex;
                inner.Dispose();
                hash.Dispose();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            Dispose(true);
            await base.DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }
}
