using Microsoft.AspNetCore.Mvc;

namespace PrivacyPortal.Features.Requests;

public static class VerificationServiceCollectionExtensions
{
    public static IServiceCollection AddRequestVerification(this IServiceCollection services)
    {
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section);
        services.AddScoped<VerificationService>();
        services.AddScoped<AccessDeliveryService>();
        services.AddSingleton<DeliveryGuard>();
        return services;
    }

    /// <summary>
    /// POST /delivery/{token}/download: the code form of <see cref="DeliveryPage"/> posts here (anti-forgery checked
    /// for the form). A right code streams the package; anything else goes back to the page with a message.
    /// </summary>
    public static IEndpointRouteBuilder MapRequestDelivery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/delivery/{token}/download", async (
            string token,
            [FromForm(Name = "code")] string? code,
            HttpContext context,
            [FromServices] DeliveryGuard guard,
            [FromServices] AccessDeliveryService deliveries,
            CancellationToken cancellationToken) =>
        {
            // Binding is done: the request log gets the path without the token.
            DeliveryGuard.Redact(context);
            var page = "/delivery/" + Uri.EscapeDataString(token);
            if (!guard.TryEnter(context))
            {
                return Results.Redirect(page + "?r=" + DeliveryPage.Busy);
            }
            var result = await deliveries.RedeemAsync(token, code, cancellationToken);
            if (result.Outcome == DeliveryOutcome.Ready)
            {
                context.Response.Headers.CacheControl = "no-store";
                return Results.Stream(result.Content!, "application/zip", result.FileName);
            }
            var query = "?r=" + result.Outcome.ToString();
            if (result.Outcome == DeliveryOutcome.WrongCode)
            {
                query += "&left=" + result.AttemptsLeft.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            // Back to the page with a GET: a refresh does not post the code again.
            return Results.Redirect(page + query);
        }).AllowAnonymous();
        return endpoints;
    }
}
