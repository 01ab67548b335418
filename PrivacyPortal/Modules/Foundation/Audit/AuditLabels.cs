using Microsoft.Extensions.Localization;
using PrivacyPortal.Resources;

namespace PrivacyPortal.Modules.Foundation.Audit;

public static class AuditLabels
{
    /// <summary>The action in the reader's language; an action a newer feature added without a label shows as recorded.</summary>
    public static string Action(IStringLocalizer<SharedResource> localizer, string action)
    {
        var text = localizer[$"Audit.Action.{action}"];
        return text.ResourceNotFound ? action : text.Value;
    }

    /// <summary>The verifier's finding in the reader's language; its wording is fixed in <see cref="AuditVerifier"/>.</summary>
    public static string Problem(IStringLocalizer<SharedResource> localizer, string? problem) => problem switch
    {
        null => "",
        "previous hash does not match the preceding event" => localizer["Audit.Problem.Link"],
        "content does not match its hash" => localizer["Audit.Problem.Content"],
        "the trail's start is not signed by this portal's key" => localizer["Audit.Problem.Start"],
        _ when problem.StartsWith("expected sequence", StringComparison.Ordinal) => localizer["Audit.Problem.Sequence"],
        _ when problem.StartsWith("a stored value", StringComparison.Ordinal) => localizer["Audit.Problem.Unreadable"],
        _ => problem,
    };
}
