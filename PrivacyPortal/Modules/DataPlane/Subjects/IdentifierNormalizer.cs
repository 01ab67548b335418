using System.Text.RegularExpressions;

namespace PrivacyPortal.Modules.DataPlane.Subjects;

/// <summary>
/// One spelling per value, so that the keyed hash finds a person however the number was typed:
/// <c>+86 138-1234-5678</c>, <c>0086 13812345678</c> and <c>13812345678</c> are the same phone.
/// </summary>
public static partial class IdentifierNormalizer
{
    /// <returns>The normalised value, or null with <paramref name="errorKey"/> naming the message to show.</returns>
    public static string? Normalize(IdentifierKind kind, string? raw, out string? errorKey)
    {
        errorKey = null;
        var value = Typed(raw);
        if (value.Length == 0)
        {
            errorKey = "Validation.Required";
            return null;
        }
        switch (kind)
        {
            case IdentifierKind.Phone:
                var phone = NormalizePhone(value);
                if (phone is null)
                {
                    errorKey = "Subjects.Invalid.Phone";
                }
                return phone;
            case IdentifierKind.Email:
                var email = value.ToLowerInvariant();
                if (email.Length > 254 || !EmailPattern().IsMatch(email))
                {
                    errorKey = "Subjects.Invalid.Email";
                    return null;
                }
                return email;
            case IdentifierKind.AccountId:
                if (!AccountPattern().IsMatch(value))
                {
                    errorKey = "Subjects.Invalid.AccountId";
                    return null;
                }
                return value;
            default:
                errorKey = "Subjects.Invalid.Kind";
                return null;
        }
    }

    /// <summary>
    /// What was typed, as compatibility characters fold: a Chinese input method's full-width digits, plus sign, at sign and
    /// spaces (１３９, ＋, ＠, the ideographic space) become the ASCII ones before anything else looks at the value.
    /// </summary>
    private static string Typed(string? raw) => (raw ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();

    /// <summary>Mainland mobile numbers become 11 digits; other numbers keep a leading + and their digits (E.164).</summary>
    public static string? NormalizePhone(string value)
    {
        if (!PhoneCharacters().IsMatch(value))
        {
            return null;
        }
        var international = value.StartsWith('+') || value.StartsWith("00", StringComparison.Ordinal);
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (value.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        if (international && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
            international = false;
        }
        else if (!international && digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }
        if (!international)
        {
            return MainlandMobile().IsMatch(digits) ? digits : null;
        }
        return digits.Length is >= 6 and <= 15 ? "+" + digits : null;
    }

    /// <summary>What a search box holds: an e-mail has an @, a phone is digits and separators, anything else an account id.</summary>
    public static IdentifierKind Guess(string raw)
    {
        var value = Typed(raw);
        if (value.Contains('@'))
        {
            return IdentifierKind.Email;
        }
        return PhoneCharacters().IsMatch(value) && value.Count(char.IsAsciiDigit) >= 6 ? IdentifierKind.Phone : IdentifierKind.AccountId;
    }

    public static string Mask(IdentifierKind kind, string normalized) => kind switch
    {
        IdentifierKind.Phone => normalized.StartsWith('+') ? Shared.Masking.Identifier(normalized) : Shared.Masking.Phone(normalized),
        IdentifierKind.Email => Shared.Masking.Email(normalized),
        _ => Shared.Masking.Identifier(normalized),
    };

    [GeneratedRegex(@"^[0-9+\-\s().]+$")]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MainlandMobile();

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\.[^\s@]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{2,63}$")]
    private static partial Regex AccountPattern();
}
