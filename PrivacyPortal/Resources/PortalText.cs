using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace PrivacyPortal.Resources;

/// <summary>A module's own text set, registered by its entry point with <see cref="PortalTextExtensions.AddModuleText{T}"/>.</summary>
public sealed record ModuleText(Type Marker);

/// <summary>
/// The portal's text as one localizer: the shared set (SharedResource.resx: the shell, sign-in, validation, shared
/// labels) and one set per module (Modules/&lt;Module&gt;/&lt;Module&gt;Text.resx). Pages and services keep asking
/// <c>IStringLocalizer&lt;SharedResource&gt;</c>; each key is answered by the one set that holds it (a key lives in
/// exactly one set, which a test checks).
/// </summary>
internal sealed class PortalText : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer shared;
    private readonly IReadOnlyList<IStringLocalizer> sets;
    private readonly Dictionary<string, IStringLocalizer> owners = new(StringComparer.Ordinal);

    public PortalText(IStringLocalizerFactory factory, IEnumerable<ModuleText> modules)
    {
        Type[] markers = [typeof(SharedResource), .. modules.Select(m => m.Marker).Distinct()];
        sets = markers.Select(factory.Create).ToList();
        shared = sets[0];
        foreach (var (marker, set) in markers.Zip(sets))
        {
            // The neutral (English) set holds every key of its module.
            var keys = new ResourceManager(marker).GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
                ?? throw new InvalidOperationException($"No text resources for {marker.FullName}.");
            foreach (DictionaryEntry entry in keys)
            {
                owners[(string)entry.Key] = set;
            }
        }
    }

    public LocalizedString this[string name] => Owner(name)[name];

    public LocalizedString this[string name, params object[] arguments] => Owner(name)[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => sets.SelectMany(s => s.GetAllStrings(includeParentCultures));

    private IStringLocalizer Owner(string name) => owners.GetValueOrDefault(name, shared);
}

public static class PortalTextExtensions
{
    /// <summary>Makes the module's text (the .resx pair beside <typeparamref name="T"/>) part of the portal's text.</summary>
    public static IServiceCollection AddModuleText<T>(this IServiceCollection services)
    {
        services.AddSingleton(new ModuleText(typeof(T)));
        return services;
    }

    /// <summary>The one localizer of the portal's text, over the shared set and every module's set.</summary>
    public static IServiceCollection AddPortalText(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<IStringLocalizer<SharedResource>, PortalText>();
        return services;
    }
}
