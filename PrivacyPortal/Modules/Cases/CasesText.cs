namespace PrivacyPortal.Modules.Cases;

/// <summary>The UI text of the Cases module (CasesText.resx, CasesText.zh-CN.resx beside it).</summary>
public sealed class CasesText;
