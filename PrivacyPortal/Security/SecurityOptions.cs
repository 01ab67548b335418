namespace PrivacyPortal.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    public LockoutSettings Lockout { get; set; } = new();

    public SignInLimits SignIn { get; set; } = new();

    /// <summary>How often an open session re-reads its account: a removed role or a disabled account stops working this fast.</summary>
    public int RevalidationSeconds { get; set; } = 30;

    /// <summary>Path of a PFX whose certificate encrypts the data-protection keys stored in the database (production).</summary>
    public string? KeyProtectionCertificate { get; set; }

    public string? KeyProtectionCertificatePassword { get; set; }

    /// <summary>Base64 256-bit key that encrypts the data-protection keys stored in the database (AES-256-GCM), when there is no certificate.</summary>
    public string? KeyEncryptionKey { get; set; }

    public sealed class LockoutSettings
    {
        public int MaxFailedAttempts { get; set; } = 5;

        public int Minutes { get; set; } = 15;
    }

    /// <summary>Failed sign-ins allowed per client address and per account typed within the window; then 429 until it ends.</summary>
    public sealed class SignInLimits
    {
        public int FailuresPerAddress { get; set; } = 20;

        public int FailuresPerAccount { get; set; } = 10;

        public int WindowMinutes { get; set; } = 5;
    }
}
