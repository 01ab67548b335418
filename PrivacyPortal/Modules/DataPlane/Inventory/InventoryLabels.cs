using System.Globalization;
using Microsoft.Extensions.Localization;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Resources;
using PrivacyPortal.Shared;
using PrivacyPortal.Modules.DataPlane;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>Inventory codes in the reader's language: one resource key per enum value or region code.</summary>
public static class InventoryLabels
{
    /// <summary>Bilingual entries (categories, purposes) show their Chinese text on a Chinese page.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static string Region(IStringLocalizer<SharedResource> L, string region) => Text(L, $"Inventory.Region.{region}", region);

    public static string RecipientType(IStringLocalizer<SharedResource> L, RecipientType type) => L[DataPlaneText.InventoryRecipientType[type]];

    public static string LegalBasis(IStringLocalizer<SharedResource> L, RecipientLegalBasis basis) => L[DataPlaneText.InventoryLegalBasis[basis]];

    public static string DisclosureBasis(IStringLocalizer<SharedResource> L, DisclosureBasis basis) => L[DataPlaneText.InventoryDisclosureBasis[basis]];

    public static string Connector(IStringLocalizer<SharedResource> L, ConnectorKind kind) => L[DataPlaneText.InventoryConnectorKind[kind]];

    public static string ConsentChannel(IStringLocalizer<SharedResource> L, ConsentChannel channel) => L[DataPlaneText.InventoryConsentChannel[channel]];

    public static string ConsentStatus(IStringLocalizer<SharedResource> L, ConsentStatus status) => L[DataPlaneText.InventoryConsentStatus[status]];

    public static string Change(IStringLocalizer<SharedResource> L, InventoryChange change) => L[ChangeText.Key("Inventory.Change", change)];

    /// <summary>A stored instant as a day in the portal's time zone, e.g. 2026-03-05.</summary>
    public static string Day(Shared.PortalTime time, DateTime utc) => time.ToLocal(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"系统：CRM、计费；接收方：…" — where an entry is still used, for the refusal message.</summary>
    public static string Usage(IStringLocalizer<SharedResource> L, IReadOnlyList<UsageEntry> usage)
    {
        var separator = IsChinese ? "、" : ", ";
        var parts = usage.Select(u => u.Names.Count > 0
            ? string.Format(CultureInfo.CurrentCulture, L[$"Inventory.UsedBy.{u.Kind}"], string.Join(separator, u.Names))
            : string.Format(CultureInfo.CurrentCulture, L[$"Inventory.UsedBy.{u.Kind}"], u.Count));
        return string.Join(IsChinese ? "；" : "; ", parts);
    }

    private static string Text(IStringLocalizer<SharedResource> L, string key, string fallback)
    {
        var text = L[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
