using Microsoft.AspNetCore.Http;

namespace PrivacyPortal.Security;

/// <summary>
/// The browser-side protections every response carries: pages, static files, downloads, the jobs dashboard and
/// error pages alike. Set when the response starts, so an error page re-executed after the headers were cleared
/// carries them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the portal itself (blazor.web.js, MudBlazor.min.js, portal.js; no inline script, no eval).
    /// Styles allow 'unsafe-inline' because MudBlazor sets style attributes on its components; images allow data:
    /// for the two-factor QR code. connect-src 'self' covers the Blazor circuit's WebSocket on the same host.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
