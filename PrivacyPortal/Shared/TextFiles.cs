using System.Text;
using Microsoft.AspNetCore.Components.Forms;

namespace PrivacyPortal.Shared;

/// <summary>
/// Reads the text files staff upload (calendars, backups, affected people) as they come from Chinese office software:
/// UTF-8 with or without a byte order mark, UTF-16 with one, or GB18030/GBK (what Excel on a Chinese Windows writes). A
/// file with NUL bytes or control characters is not text and is refused before anything of it is shown.
/// </summary>
public static class TextFiles
{
    private const int Head = 64 * 1024;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static Encoding Gb18030 { get; } = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>The file's encoding judged from its first bytes; null when they are not text.</summary>
    public static Encoding? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Utf8Bom))
        {
            return new UTF8Encoding(false);
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\r' and not (byte)'\n' and not (byte)'\t' and not 0x1A)
            {
                return null;
            }
        }
        // A multi-byte character may be cut at the end of the sample: judge the bytes before it.
        var sample = head.Length < Head ? head : head[..TrimPartial(head)];
        return System.Text.Unicode.Utf8.IsValid(sample) ? new UTF8Encoding(false) : Gb18030;
    }

    /// <summary>
    /// Reads a whole uploaded file of at most <paramref name="maxBytes"/>; on failure the text is null and the key names the
    /// message (<c>Import.TooLarge</c> with the limit in kilobytes as its argument, or <c>Import.NotText</c>).
    /// </summary>
    public static async Task<(string? Text, string? ErrorKey)> ReadAsync(IBrowserFile file, long maxBytes, CancellationToken cancellationToken = default)
    {
        if (file.Size > maxBytes)
        {
            return (null, "Import.TooLarge");
        }
        using var buffer = new MemoryStream((int)file.Size);
        await using (var stream = file.OpenReadStream(maxBytes, cancellationToken))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static (string? Text, string? ErrorKey) Decode(ReadOnlySpan<byte> bytes)
    {
        var encoding = Detect(bytes.Length > Head ? bytes[..Head] : bytes);
        if (encoding is null)
        {
            return (null, "Import.NotText");
        }
        var preamble = encoding.Preamble.Length > 0 ? encoding.Preamble.Length : bytes.StartsWith(Utf8Bom) ? 3 : 0;
        var text = encoding.GetString(bytes[preamble..]);
        return text.Any(c => c < ' ' && c is not '\r' and not '\n' and not '\t') ? (null, "Import.NotText") : (text, null);
    }

    /// <summary>A reader over a seekable upload, in the encoding its first bytes show; null when it is not text.</summary>
    public static StreamReader? OpenReader(Stream stream)
    {
        var head = new byte[Head];
        stream.Position = 0;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var encoding = Detect(head.AsSpan(0, read));
        return encoding is null ? null : new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
    }

    /// <summary>A value from an uploaded line as an error table may show it: no control characters, at most 60 characters.</summary>
    public static string? Printable(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var clean = new string(value.Select(c => char.IsControl(c) || c == '\uFFFD' ? '·' : c).Take(61).ToArray());
        return clean.Length > 60 ? clean[..60] + "…" : clean;
    }

    private static int TrimPartial(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        // Step back over continuation bytes (10xxxxxx) and the lead byte that starts them.
        for (var i = 0; i < 3 && end > 0 && (bytes[end - 1] & 0xC0) == 0x80; i++)
        {
            end--;
        }
        if (end > 0 && bytes[end - 1] >= 0xC0)
        {
            end--;
        }
        return end;
    }
}
