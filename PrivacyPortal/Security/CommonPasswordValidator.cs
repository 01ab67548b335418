using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace PrivacyPortal.Security;

/// <summary>
/// NIST SP 800-63B 5.1.1.2: a new password is checked against passwords that are commonly used, expected or
/// compromised, and against context-specific words such as the account's own name and address. Length alone lets
/// "aaaaaaaaaaaa" and "123456789012" through. The list (CommonPasswords.txt) holds common passwords and the words,
/// keyboard walks, sequences and dates they are built from; a password is refused when it, or what is left after
/// taking the digits and symbols off its ends, is on the list.
/// </summary>
public static class PasswordRules
{
    public const string CommonCode = "PasswordTooCommon";
    public const string PersonalCode = "PasswordFromAccount";

    /// <summary>Resource keys, by the codes above.</summary>
    public const string CommonKey = "Validation.PasswordCommon";
    public const string PersonalKey = "Validation.PasswordPersonal";

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>The resource key of what is wrong with <paramref name="password"/> for this account, or null.</summary>
    public static string? Check(string password, string? email, string? displayName)
    {
        if (IsCommon(password))
        {
            return CommonKey;
        }
        return IsPersonal(password, email, displayName) ? PersonalKey : null;
    }

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Distinct().Count() < 4)
        {
            // aaaaaaaaaaaa, abababababab, 121212121212.
            return true;
        }
        var core = lower.Trim(Trimmed);
        return Common.Value.Contains(lower) || (core.Length > 0 && Common.Value.Contains(core));
    }

    /// <summary>True when the password is mostly the account's own name or address: less than 8 characters of it are anything else.</summary>
    public static bool IsPersonal(string password, string? email, string? displayName)
    {
        var rest = password.ToLowerInvariant();
        var found = false;
        foreach (var token in Tokens(email, displayName).OrderByDescending(t => t.Length))
        {
            if (rest.Contains(token, StringComparison.Ordinal))
            {
                rest = rest.Replace(token, "", StringComparison.Ordinal);
                found = true;
            }
        }
        if (!found)
        {
            return false;
        }
        var left = rest.Where(char.IsLetterOrDigit).Count();
        return left < 8 || IsCommon(rest);
    }

    private static IEnumerable<string> Tokens(string? email, string? displayName)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? value)
        {
            value = value?.Trim().ToLowerInvariant();
            if (value is { Length: >= 3 })
            {
                tokens.Add(value);
            }
        }
        if (!string.IsNullOrWhiteSpace(email))
        {
            var at = email.IndexOf('@', StringComparison.Ordinal);
            var local = at > 0 ? email[..at] : email;
            Add(email);
            Add(local);
            Add(new string(local.Where(char.IsLetterOrDigit).ToArray()));
            foreach (var part in local.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                Add(part);
            }
        }
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            Add(displayName);
            Add(new string(displayName.Where(char.IsLetterOrDigit).ToArray()));
            foreach (var part in displayName.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                Add(part);
            }
        }
        return tokens;
    }

    private static readonly char[] Separators = [' ', '.', '_', '-', '+', '·'];

    private static readonly char[] Trimmed = "0123456789!@#$%^&*()-_=+.,;:?~ ".ToCharArray();

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PrivacyPortal.Security.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set;
    }
}

/// <summary>Identity's check on every password set (setup, new staff, password change), so no path skips it.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        if (PasswordRules.IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = PasswordRules.CommonCode, Description = "The password is too common." }));
        }
        if (PasswordRules.IsPersonal(password, user.Email, user.DisplayName))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = PasswordRules.PersonalCode, Description = "The password is built from the account's name or e-mail address." }));
        }
        return Task.FromResult(IdentityResult.Success);
    }
}
