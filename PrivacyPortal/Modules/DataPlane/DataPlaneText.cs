using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane;

/// <summary>The UI text of the DataPlane module (DataPlaneText.resx, DataPlaneText.zh-CN.resx beside it) and the key families of its enums.</summary>
public sealed class DataPlaneText
{
    public static readonly EnumText<ConnectorKind> ConnectorsKindHint = new("Connectors.KindHint");

    public static readonly EnumText<OperationStatus> ConnectorsOperation = new("Connectors.Operation");

    public static readonly EnumText<StepStatus> ConnectorsStep = new("Connectors.Step");

    public static readonly EnumText<ConnectorTaskKind> ConnectorsTaskKind = new("Connectors.TaskKind");

    public static readonly EnumText<ConnectorTaskStatus> ConnectorsTaskStatus = new("Connectors.TaskStatus");

    public static readonly EnumText<ConnectorKind> InventoryConnectorKind = new("Inventory.ConnectorKind");

    public static readonly EnumText<ConsentChannel> InventoryConsentChannel = new("Inventory.ConsentChannel");

    public static readonly EnumText<ConsentStatus> InventoryConsentStatus = new("Inventory.ConsentStatus");

    public static readonly EnumText<DisclosureBasis> InventoryDisclosureBasis = new("Inventory.DisclosureBasis");

    public static readonly EnumText<DisclosureFilter> InventoryDisclosuresFilter = new("Inventory.Disclosures.Filter");

    public static readonly EnumText<RecipientLegalBasis> InventoryLegalBasis = new("Inventory.LegalBasis");

    public static readonly EnumText<RecipientType> InventoryRecipientType = new("Inventory.RecipientType");

    public static readonly EnumText<ConnectorKind> SubjectsConnector = new("Subjects.Connector");

    public static readonly EnumText<ConsentStatus> SubjectsConsent = new("Subjects.Consent");

    public static readonly EnumText<IdentifierKind> SubjectsKind = new("Subjects.Kind");

    public static readonly EnumText<OperationKind> SubjectsOperationKind = new("Subjects.OperationKind");
}
