using System.Resources;

[assembly: NeutralResourcesLanguage("en")]

namespace PrivacyPortal.Resources;

/// <summary>
/// Marker for the portal's UI text: SharedResource.resx (English, the neutral set) and
/// SharedResource.zh-CN.resx (Chinese, the default UI language). Both sets hold every key.
/// </summary>
public sealed class SharedResource;
