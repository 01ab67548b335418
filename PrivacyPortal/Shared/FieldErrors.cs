namespace PrivacyPortal.Shared;

/// <summary>Server-side validation result: field name → resource key of the message shown next to that field.</summary>
public sealed class FieldErrors : Dictionary<string, string>
{
    public bool IsValid => Count == 0;

    public string? For(string field) => TryGetValue(field, out var key) ? key : null;
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
