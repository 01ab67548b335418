using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;
using PrivacyPortal.Configuration;

namespace PrivacyPortal.Components.Account;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with the anti-forgery token (minimal APIs validate it for form parameters).
        endpoints.MapPost("/account/logout", async (
            ClaimsPrincipal user,
            [FromServices] SignInManager<StaffUser> signIn,
            [FromServices] AuditTrail audit,
            [FromForm] string? returnUrl) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                await audit.RecordAsync(AuditActions.SignedOut, targetType: "staff", targetId: user.FindFirstValue(ClaimTypes.NameIdentifier));
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        }).AllowAnonymous();

        endpoints.MapGet("/culture", (HttpContext context, string? name, string? returnUrl) =>
        {
            if (name is not null && PortalOptions.Cultures.Any(c => c.Name == name))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
            }
            return TypedResults.LocalRedirect("~" + LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous();

        return endpoints;
    }
}
