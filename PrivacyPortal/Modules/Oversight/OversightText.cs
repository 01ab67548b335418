using PrivacyPortal.Modules.Oversight.AuditWorkspace;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Oversight;

/// <summary>The UI text of the Oversight module (OversightText.resx, OversightText.zh-CN.resx beside it) and the key families of its enums.</summary>
public sealed class OversightText
{
    public static readonly EnumText<AnomalyKind> AuditAnomaliesKind = new("Audit.Anomalies.Kind");
}
