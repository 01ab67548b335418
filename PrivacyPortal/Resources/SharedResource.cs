using System.Resources;
using PrivacyPortal.Configuration;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

[assembly: NeutralResourcesLanguage("en")]

namespace PrivacyPortal.Resources;

/// <summary>
/// Marker for the portal's UI text: SharedResource.resx (English, the neutral set) and
/// SharedResource.zh-CN.resx (Chinese, the default UI language). Both sets hold every key.
/// </summary>
public sealed class SharedResource
{
    public static readonly StringText Culture = new("Culture", () => PortalOptions.Cultures.Select(c => c.Name));

    public static readonly StringText Role = new("Role", () => Roles.All);
}
