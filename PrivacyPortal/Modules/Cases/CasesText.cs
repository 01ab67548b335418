using PrivacyPortal.Modules.Cases.Backups;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases;

/// <summary>The UI text of the Cases module (CasesText.resx, CasesText.zh-CN.resx beside it) and the key families of its enums.</summary>
public sealed class CasesText
{
    public static readonly StringText RequestsRefusal = new("Requests.Refusal", () => RefusalReasons.All);

    public static readonly EnumText<FeeStatus> RequestsFeeSettled = new("Requests.Fee.Settled", FeeStatus.Paid, FeeStatus.Waived);

    public static readonly EnumText<BackupSetSource> BackupsSource = new("Backups.Source");

    public static readonly EnumText<VerificationMethod> RequestsCaseMethod = new("Requests.Case.Method");

    public static readonly EnumText<VerificationResult> RequestsCaseResult = new("Requests.Case.Result");

    public static readonly EnumText<RequestChannel> RequestsChannel = new("Requests.Channel");

    public static readonly EnumText<DecisionKind> RequestsDecision = new("Requests.Decision");

    public static readonly EnumText<RequestType> RequestsFulfilHint = new("Requests.Fulfil.Hint");

    public static readonly EnumText<RequestOutcome> RequestsOutcome = new("Requests.Outcome");

    public static readonly EnumText<RequestStatus> RequestsStatus = new("Requests.Status");

    public static readonly EnumText<RequestType> RequestsType = new("Requests.Type");

    public static readonly EnumText<PurgeAnchor> RetentionAnchor = new("Retention.Anchor");

    public static readonly EnumText<RetentionBasis> RetentionBasis = new("Retention.Basis");

    public static readonly EnumText<ConnectorKind> RetentionConnector = new("Retention.Connector");

    public static readonly EnumText<LegalHoldReason> RetentionHoldReason = new("Retention.HoldReason");

    public static readonly EnumText<RetentionRuleStatus> RetentionRuleStatus = new("Retention.RuleStatus");

    public static readonly EnumText<PurgeRunStatus> RetentionRunStatus = new("Retention.RunStatus");

    public static readonly EnumText<RetentionUnit> RetentionUnit = new("Retention.Unit");

    public static readonly EnumText<CodeCheck> VerifyCode = new("Verify.Code");

    public static readonly EnumText<VerificationMethod> VerifyMethod = new("Verify.Method");

    public static readonly EnumText<VerificationResult> VerifyResult = new("Verify.Result");
}
