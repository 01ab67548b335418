using QRCoder;

namespace PrivacyPortal.Components.Account;

/// <summary>The otpauth URI as a QR code image, drawn on the server (no outside service sees the secret).</summary>
internal static class TotpQrCode
{
    public static string DataUrl(string issuer, string account, string sharedKey)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={sharedKey}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
