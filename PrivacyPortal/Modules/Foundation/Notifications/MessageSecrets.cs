using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>
/// The one-time codes and access links a message carries (<see cref="NotificationPurpose.Secrets"/>). A code or
/// link read in the outbox opens a person's package or completes a caller's verification, so the row keeps a
/// redacted subject and body for staff (the secret shown as <see cref="Mask"/>), and the secret values, with where
/// they go, encrypted with Data Protection. The dispatcher puts them in at send time; they are erased once the
/// message is sent, fails for good or outlives the secret.
/// </summary>
public sealed class MessageSecrets(IDataProtectionProvider provider)
{
    // Changing this string makes the secrets of unsent messages unreadable: it is part of the data format.
    public const string Purpose = "PrivacyPortal.Notifications.Secret.v1";

    public const string Mask = "••••••";

    // Private-use characters around the secret's index stand in for the value while the template renders.
    private const char Open = '\uE000';
    private const char Close = '\uE001';

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    /// <summary>The stand-in rendered in place of secret number <paramref name="index"/>.</summary>
    public static string Slot(int index) => $"{Open}{index.ToString(CultureInfo.InvariantCulture)}{Close}";

    /// <summary>Replaces every stand-in in <paramref name="rendered"/> with the mask, and says where each secret goes.</summary>
    public static (string Text, List<int[]> Slots) Redact(string rendered)
    {
        var slots = new List<int[]>();
        if (rendered.AsSpan().IndexOfAny(Open, Close) < 0)
        {
            return (rendered, slots);
        }
        var text = new StringBuilder(rendered.Length);
        for (var i = 0; i < rendered.Length; i++)
        {
            var c = rendered[i];
            if (c == Open)
            {
                var end = rendered.IndexOf(Close, i + 1);
                if (end > i && int.TryParse(rendered.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    slots.Add([text.Length, index]);
                    text.Append(Mask);
                    i = end;
                }
                continue;
            }
            if (c != Close)
            {
                text.Append(c);
            }
        }
        return (text.ToString(), slots);
    }

    public string Seal(IReadOnlyList<string> values, List<int[]> subject, List<int[]> body) =>
        protector.Protect(JsonSerializer.Serialize(new Sealed([.. values], subject, body)));

    /// <summary>The subject and body as the recipient gets them.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key is gone or the value was altered.</exception>
    public (string Subject, string Body) Reveal(string sealedSecrets, string subject, string body)
    {
        var secrets = JsonSerializer.Deserialize<Sealed>(protector.Unprotect(sealedSecrets))
            ?? throw new System.Security.Cryptography.CryptographicException("Malformed message secrets.");
        return (Fill(subject, secrets.Subject, secrets.Values), Fill(body, secrets.Body, secrets.Values));
    }

    private static string Fill(string text, List<int[]> slots, string[] values)
    {
        if (slots.Count == 0)
        {
            return text;
        }
        var filled = new StringBuilder(text.Length + 64);
        var at = 0;
        foreach (var slot in slots.OrderBy(s => s[0]))
        {
            filled.Append(text, at, slot[0] - at).Append(values[slot[1]]);
            at = slot[0] + Mask.Length;
        }
        return filled.Append(text, at, text.Length - at).ToString();
    }

    private sealed record Sealed(string[] Values, List<int[]> Subject, List<int[]> Body);
}
