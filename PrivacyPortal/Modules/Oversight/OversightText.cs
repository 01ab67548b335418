namespace PrivacyPortal.Modules.Oversight;

/// <summary>The UI text of the Oversight module (OversightText.resx, OversightText.zh-CN.resx beside it).</summary>
public sealed class OversightText;
