using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PrivacyPortal.Modules;
using PrivacyPortal.Resources;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Localization;

/// <summary>The portal's text as the modules register it: the shared set and every module's set, behind one localizer.</summary>
public static class PortalTextForTests
{
    public static readonly ServiceProvider Services = Build();

    public static IStringLocalizer<SharedResource> Localizer => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>, or null where no set holds the key.</summary>
    public static string? Text(string key, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var text = Localizer[key];
            return text.ResourceNotFound ? null : text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>For component tests: the portal's text with every module's set, as the modules register them.</summary>
    public static IServiceCollection AddPortalTextOfAllModules(this IServiceCollection services)
    {
        services.AddPortalText();
        foreach (var text in Services.GetServices<ModuleText>())
        {
            services.AddSingleton(text);
        }
        return services;
    }

    private static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddLogging();
        foreach (var module in ServiceHarness.AllModules)
        {
            services.AddModule(module, configuration, new TestHostEnvironment());
        }
        return services.BuildServiceProvider();
    }
}
