using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;
using PrivacyPortal.Components.Account;
using PrivacyPortal.Configuration;
using PrivacyPortal.Modules.Foundation.Setup;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;
using Serilog;

namespace PrivacyPortal.Components;

public static class PortalUi
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PortalTime>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<SignInRecorder>();
        services.AddSingleton<SignInGuard>();
        services.AddNavLink(new(NavSection.Home, "", "Nav.Home", Icons.Material.Outlined.Dashboard, Policies.AnyStaff) { Exact = true });
        services.AddNavLink(new(NavSection.Account, "account/security", "Nav.Security", Icons.Material.Outlined.Security, Policies.SignedIn) { ForceLoad = true });
        var proxies = builder.Configuration.GetSection("Hosting:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("Hosting:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind the load balancer (README): client addresses in the audit trail come from X-Forwarded-For, but
            // only when the proxy that sent it is configured. With no proxy configured no forwarded header is
            // believed: anyone could otherwise choose the address the trail records and the rate limits count.
            o.ForwardedHeaders = proxies.Length + networks.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // The anti-forgery cookie is Secure whenever the page came over HTTPS (directly or from a known proxy).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        var portal = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;
        app.UseSecurityHeaders();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseErrorPagesAsGet();
        app.UsePortalRequestLogging();
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(portal.DefaultCulture);
            o.SupportedCultures = PortalOptions.Cultures;
            o.SupportedUICultures = PortalOptions.Cultures;
            // The portal speaks Chinese unless the user picks English; the browser's language does not decide.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseSetupGate();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// The error and not-found pages shown for a refused or failed POST are rendered as a GET: re-executed as the
    /// POST they would ask for an anti-forgery token of a form they do not have, and fail in turn.
    /// </summary>
    private static void UseErrorPagesAsGet(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null;
            if (!reExecuted || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                await next(context);
                return;
            }
            context.Request.Method = HttpMethods.Get;
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = method;
            }
        });

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }
}
