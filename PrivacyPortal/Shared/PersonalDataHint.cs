using System.Text.RegularExpressions;

namespace PrivacyPortal.Shared;

/// <summary>
/// Free text staff type (case summaries, notes, incident records) is kept in clear, unlike identifiers, which are
/// encrypted. This spots what looks like a mainland mobile number, an e-mail address or a resident ID-card number, so
/// the page can warn before it is saved; it never blocks (a case number or a masked value is fine).
/// </summary>
public static partial class PersonalDataHint
{
    public const string Phone = "phone";
    public const string Email = "email";
    public const string IdCard = "id-card";

    public static IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var found = new List<string>();
        if (IdCardPattern().IsMatch(text))
        {
            found.Add(IdCard);
        }
        if (PhonePattern().IsMatch(text))
        {
            found.Add(Phone);
        }
        if (EmailPattern().IsMatch(text))
        {
            found.Add(Email);
        }
        return found;
    }

    // 11 digits starting 13–19, optionally grouped with spaces or hyphens (138 0013 8000), not part of a longer number.
    [GeneratedRegex(@"(?<![\d])1[3-9]\d(?:[ \-]?\d){8}(?![\d])")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // 18 characters: 17 digits and a digit or X check character, not part of a longer run.
    [GeneratedRegex(@"(?<![\dXx])\d{17}[\dXx](?![\dXx])")]
    private static partial Regex IdCardPattern();
}
