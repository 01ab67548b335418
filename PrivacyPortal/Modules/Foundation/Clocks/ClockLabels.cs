using System.Globalization;
using Microsoft.Extensions.Localization;
using PrivacyPortal.Resources;

namespace PrivacyPortal.Modules.Foundation.Clocks;

public static class ClockLabels
{
    /// <summary>"15 个工作日" / "15 working days".</summary>
    public static string Rule(IStringLocalizer<SharedResource> L, ClockUnit unit, int amount) =>
        string.Format(CultureInfo.CurrentCulture, L[amount == 1 ? $"Clocks.Unit.{unit}.One" : $"Clocks.Unit.{unit}"], amount);

    public static string Preset(IStringLocalizer<SharedResource> L, string key)
    {
        var text = L[$"Clocks.Preset.{key}"];
        return text.ResourceNotFound ? key : text.Value;
    }
}
