using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Security;

/// <summary>Records every refused request of a signed-in user (the attempt is audited, then the usual 403 flow runs).</summary>
internal sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            await context.RequestServices.GetRequiredService<AuditTrail>()
                .RecordDenialAsync(context.Request.Path, context.User);
        }
        await inner.HandleAsync(next, context, policy, result);
    }
}

public static class AuthorizationAuditExtensions
{
    public static Task RecordDenialAsync(this AuditTrail trail, string path, System.Security.Claims.ClaimsPrincipal user, string targetType = "page") =>
        trail.RecordAsync(
            AuditActions.AuthorizationDenied,
            AuditOutcome.Denied,
            targetType: targetType,
            detail: new
            {
                path = path.Length > 200 ? path[..200] : path,
                reason = user.FindFirst(TwoFactorRules.ClaimType)?.Value == nameof(TwoFactorState.Required) ? "two-factor-required" : "role",
            });
}
