using Microsoft.AspNetCore.DataProtection;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>Connection strings and shared secrets are credentials: encrypted at rest, never shown back in full.</summary>
public sealed class ConnectorSecrets(IDataProtectionProvider provider)
{
    // Part of the data format: changing it makes every stored connector secret unreadable.
    private readonly IDataProtector protector = provider.CreateProtector("PrivacyPortal.Connectors.Secret.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
