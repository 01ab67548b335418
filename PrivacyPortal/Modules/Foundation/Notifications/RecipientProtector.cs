using Microsoft.AspNetCore.DataProtection;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>Recipient addresses are personal data: encrypted at rest, masked on screen.</summary>
public sealed class RecipientProtector(IDataProtectionProvider provider) : EnvelopeProtector(provider, Purpose)
{
    // Changing this string makes every stored recipient unreadable: it is part of the data format.
    public const string Purpose = "PrivacyPortal.Notifications.Recipient.v1";

    public static string Mask(NotificationChannel channel, string? recipient) => channel switch
    {
        NotificationChannel.Email => Masking.Email(recipient),
        NotificationChannel.Sms => Masking.Phone(recipient),
        NotificationChannel.Push => Masking.Identifier(recipient),
        _ => "",
    };
}
