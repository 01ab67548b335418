namespace PrivacyPortal.Components.Account;

/// <summary>
/// Which return addresses the portal follows: a path on this site and nothing else. Browsers read "//host",
/// "/\host" and a path with a tab or line break in it ("/\t/host") as another site, so those are refused too.
/// </summary>
internal static class LocalUrl
{
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\');

    /// <summary>The address when it is a local path, otherwise the home page.</summary>
    public static string OrHome(string? url) => IsLocalPath(url) ? url! : "/";
}
