namespace PrivacyPortal.Modules.Incidents;

/// <summary>The UI text of the Incidents module (IncidentsText.resx, IncidentsText.zh-CN.resx beside it).</summary>
public sealed class IncidentsText;
