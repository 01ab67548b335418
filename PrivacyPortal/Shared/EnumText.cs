namespace PrivacyPortal.Shared;

/// <summary>
/// The UI text keys of an enum's values ("Requests.Type.Access", "Requests.Type.Deletion"...), declared once in the
/// module's text class, so pages ask <c>L[CasesText.RequestsType[r.Type]]</c> instead of building a key inline, and the
/// resource test can check every value's text in both languages. Give <paramref name="shown"/> when only some values
/// are ever shown (a flags enum's "None").
/// </summary>
public sealed class EnumText<T>(string prefix, params T[] shown) : ITextFamily where T : struct, Enum
{
    public string Prefix { get; } = prefix;

    public string this[T value] => $"{Prefix}.{value}";

    /// <summary>A value not set yet has no text of its own: the key then names nothing and shows as missing.</summary>
    public string this[T? value] => value is { } v ? this[v] : Prefix + ".";

    public IEnumerable<string> Keys => (shown.Length > 0 ? shown : Enum.GetValues<T>()).Select(v => this[v]);
}

/// <summary>What the resource test reads: every key a family of texts can ask for.</summary>
public interface ITextFamily
{
    IEnumerable<string> Keys { get; }
}

/// <summary>
/// The UI text keys of a known set of string codes ("Role.Admin", "Culture.zh-CN"...), declared once like
/// <see cref="EnumText{T}"/> so the resource test checks every code's text.
/// </summary>
public sealed class StringText(string prefix, Func<IEnumerable<string>> codes) : ITextFamily
{
    public string this[string code] => $"{prefix}.{code}";

    public IEnumerable<string> Keys => codes().Select(c => this[c]);
}
