namespace PrivacyPortal.Shared;

/// <summary>Free text staff type or paste (summaries, comments), made safe to show next to other text.</summary>
public static class FreeText
{
    /// <summary>
    /// Trims, and removes the invisible bidirectional controls (embeddings, overrides and isolates, U+202A–U+202E and
    /// U+2066–U+2069): pasted into a summary, a right-to-left override would show the text reversed on the case page.
    /// </summary>
    public static string Clean(string? value)
    {
        var text = (value ?? "").Trim();
        return text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') < 0 && text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') < 0
            ? text
            : new string(text.Where(c => c is not (>= '\u202A' and <= '\u202E') and not (>= '\u2066' and <= '\u2069')).ToArray()).Trim();
    }
}
