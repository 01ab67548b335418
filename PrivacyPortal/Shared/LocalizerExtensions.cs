using System.Globalization;
using Microsoft.Extensions.Localization;

namespace PrivacyPortal.Shared;

public static class LocalizerExtensions
{
    /// <summary>A UI text in a given language, whatever the current request's: for messages to people and files they receive.</summary>
    public static string In(this IStringLocalizer localizer, string culture, string key, params object[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return args.Length == 0 ? localizer[key] : string.Format(CultureInfo.CurrentUICulture, localizer[key], args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
