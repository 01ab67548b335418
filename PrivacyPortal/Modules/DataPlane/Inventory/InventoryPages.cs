using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PrivacyPortal.Resources;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>What the inventory pages share: how a change's outcome is told to the user.</summary>
public static class InventoryPages
{
    /// <summary>Snackbar for a delete: done, or refused with where the entry is still used (<paramref name="inUse"/> has a {0} for it).</summary>
    public static void Report(ISnackbar snackbar, IStringLocalizer<SharedResource> L, InventoryDelete result, string inUse)
    {
        if (result.Change == InventoryChange.InUse)
        {
            var where = result.Usage.Count > 0 ? InventoryLabels.Usage(L, result.Usage) : L["Inventory.UsedBy.Elsewhere"].Value;
            snackbar.Add(string.Format(CultureInfo.CurrentCulture, inUse, where), Severity.Warning, o => o.RequireInteraction = true);
            return;
        }
        snackbar.Add(result.Change == InventoryChange.Done ? L["Inventory.Deleted"] : InventoryLabels.Change(L, result.Change),
            result.Change == InventoryChange.Done ? Severity.Success : Severity.Warning);
    }

    public static void Report(ISnackbar snackbar, IStringLocalizer<SharedResource> L, InventoryChange change) =>
        snackbar.Add(InventoryLabels.Change(L, change), change == InventoryChange.Done ? Severity.Success : Severity.Warning);
}
