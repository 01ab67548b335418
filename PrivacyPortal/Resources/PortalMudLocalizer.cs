using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PrivacyPortal.Resources;

/// <summary>MudBlazor's own texts (pager, filters...) from our resource sets, under keys "Mud.{key}".</summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = localizer["Mud." + key];
            return text.ResourceNotFound ? base[key] : new LocalizedString(key, text.Value);
        }
    }
}
