using Microsoft.AspNetCore.Components;

namespace PrivacyPortal.Components.Account;

/// <summary>Redirects from static account pages, never to another site (open-redirect safe).</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigation)
{
    /// <summary>
    /// Goes to <paramref name="uri"/> when it is on this site: the portal's own absolute address, a local path or a
    /// base-relative path. Anything else (another host, "//host", "/\host", a tab inside, "javascript:") goes home.
    /// </summary>
    public void RedirectTo(string? uri)
    {
        uri ??= "";
        if (uri.StartsWith(navigation.BaseUri, StringComparison.Ordinal))
        {
            uri = navigation.ToBaseRelativePath(uri);
        }
        else if (uri.StartsWith('/'))
        {
            uri = LocalUrl.OrHome(uri);
        }
        else if (!Uri.IsWellFormedUriString(uri, UriKind.Relative) || uri.Any(c => char.IsControl(c) || c is '\\' or ':'))
        {
            uri = "";
        }
        navigation.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> query) =>
        RedirectTo(navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path), query));
}
