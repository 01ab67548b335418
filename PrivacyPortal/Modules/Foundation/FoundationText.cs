namespace PrivacyPortal.Modules.Foundation;

/// <summary>The UI text of the Foundation module (FoundationText.resx, FoundationText.zh-CN.resx beside it).</summary>
public sealed class FoundationText;
