using Microsoft.AspNetCore.Authorization;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Security;

/// <summary>
/// Privileged service operations check their policy here as well as on the page that offers them, so a new page or
/// endpoint that reuses the service cannot forget the check. A background job (no page, no request: no user at all)
/// acts as the system and passes; a page's or a request's user who fails the policy is refused, and the refusal is
/// recorded in the audit trail like a refused page.
/// </summary>
public sealed class AccessGuard(CurrentActor actor, IAuthorizationService authorization, AuditTrail audit)
{
    public async Task RequireAsync(string policy, string operation)
    {
        if (await actor.GetUserAsync() is not { } user)
        {
            return;
        }
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return;
        }
        if (user.Identity?.IsAuthenticated == true)
        {
            await audit.RecordDenialAsync(operation, user, targetType: "operation");
        }
        throw new AccessRefusedException(policy, operation);
    }
}

/// <summary>The current user may not run this operation; nothing was done.</summary>
public sealed class AccessRefusedException(string policy, string operation)
    : UnauthorizedAccessException($"{operation} needs the {policy} policy.")
{
    public string Policy { get; } = policy;

    public string Operation { get; } = operation;
}
