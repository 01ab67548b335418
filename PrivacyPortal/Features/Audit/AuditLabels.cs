using Microsoft.Extensions.Localization;
using PrivacyPortal.Resources;

namespace PrivacyPortal.Features.Audit;

public static class AuditLabels
{
    /// <summary>The action in the reader's language; an action a newer feature added without a label shows as recorded.</summary>
    public static string Action(IStringLocalizer<SharedResource> localizer, string action)
    {
        var text = localizer[$"Audit.Action.{action}"];
        return text.ResourceNotFound ? action : text.Value;
    }
}
