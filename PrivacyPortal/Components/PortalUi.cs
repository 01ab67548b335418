using System.Globalization;
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
        services.AddNavLink(new(NavSection.Home, "", "Nav.Home", Icons.Material.Outlined.Dashboard, Policies.AnyStaff) { Exact = true });
        services.AddNavLink(new(NavSection.Account, "account/security", "Nav.Security", Icons.Material.Outlined.Security, Policies.SignedIn) { ForceLoad = true });
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind the load balancer (README): client addresses in the audit trail come from X-Forwarded-For.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in builder.Configuration.GetSection("Hosting:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in builder.Configuration.GetSection("Hosting:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        var portal = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSerilogRequestLogging();
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

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }
}
