using System.Text.RegularExpressions;

namespace PrivacyPortal.Shared;

/// <summary>How personal contact values appear on screen: enough to recognise, not enough to use.</summary>
public static partial class Masking
{
    /// <summary><c>13812345678</c> → <c>138****5678</c>; short numbers keep only their last two digits.</summary>
    public static string Phone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }
        var digits = new string(value.Where(char.IsDigit).ToArray());
        if (digits.Length >= 11)
        {
            // Keep the mobile number itself (the last 11 digits), dropping a +86 prefix.
            var mobile = digits[^11..];
            return $"{mobile[..3]}****{mobile[^4..]}";
        }
        if (digits.Length >= 7)
        {
            return $"{digits[..2]}{new string('*', digits.Length - 4)}{digits[^2..]}";
        }
        return new string('*', Math.Max(0, digits.Length - 2)) + digits[Math.Max(0, digits.Length - 2)..];
    }

    /// <summary><c>zhang.wei@example.com</c> → <c>z***@example.com</c>.</summary>
    public static string Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }
        var at = value.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }
        return $"{value[0]}***{value[at..]}";
    }

    /// <summary>An opaque id (push device, account): first and last three characters.</summary>
    public static string Identifier(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }
        return value.Length <= 8 ? new string('*', value.Length) : $"{value[..3]}***{value[^3..]}";
    }

    /// <summary>Replaces e-mail addresses and mobile numbers inside free text (e.g. a server's error reply).</summary>
    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var noEmails = EmailPattern().Replace(text, m => Email(m.Value));
        return PhonePattern().Replace(noEmails, m => Phone(m.Value));
    }

    [GeneratedRegex(@"[^\s<>""'()\[\],;:]+@[^\s<>""'()\[\],;:]+")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)")]
    private static partial Regex PhonePattern();
}
