namespace PrivacyPortal.Shared;

/// <summary>The light/dark choice is a browser preference, kept in a cookie so the first paint already matches.</summary>
public static class ThemeCookie
{
    public const string Name = "pp.theme";
    public const string Dark = "dark";
    public const string Light = "light";
}
