namespace PrivacyPortal.Modules.Cases.Requests;

public sealed class RequestsOptions
{
    public const string Section = "Requests";

    /// <summary>The customer-service number read out and printed in every message (statement 8).</summary>
    public string Hotline { get; set; } = "400-681-2008";

    /// <summary>The portal's public address, for the access-package links sent to people.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The privacy-policy version recorded with consent changes made through a request.</summary>
    public string PolicyVersion { get; set; } = "2026.1";

    /// <summary>Days an access-package link stays valid.</summary>
    public int DeliveryDays { get; set; } = 7;

    /// <summary>
    /// Until the backup register knows a system's backup sets, a follow-up expects its backups to have rotated out
    /// this many days after the erasure.
    /// </summary>
    public int BackupRotationDays { get; set; } = 30;

    /// <summary>Statement 6.7: this many requests in twelve months are free; above it an officer may assess a cost-based fee.</summary>
    public int FreeRequestsPerYear { get; set; } = 4;

    /// <summary>The highest fee an officer may assess, in yuan (a guard against typing errors, not a tariff).</summary>
    public decimal MaxFee { get; set; } = 200;
}
