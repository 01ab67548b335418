using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Modules.Foundation.Staff;

namespace PrivacyPortal.Tests.Infrastructure;

/// <summary>Drives the static account pages the way a browser posts them: form fields, anti-forgery token, cookies.</summary>
public static partial class PortalHttp
{
    public const string Password = "correct horse battery staple";

    public static HttpClient Client(PortalAppFactory factory) =>
        factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IDictionary<string, string> fields)
    {
        var page = await client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        // Post what a browser posts: the form's own fields, with exactly one anti-forgery token per form.
        var forms = FormPattern().Matches(html);
        var form = forms.FirstOrDefault(f => f.Value.Contains($"value=\"{formName}\"", StringComparison.Ordinal));
        Assert.True(form is not null, $"No form '{formName}' on {path} (status {(int)page.StatusCode}).");
        var tokens = TokenPattern().Matches(form.Value);
        Assert.True(tokens.Count == 1, $"Form '{formName}' on {path} carries {tokens.Count} anti-forgery tokens.");
        var token = tokens[0];
        var posted = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(posted));
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password) =>
        PostFormAsync(client, "/account/login", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>Where a redirect points, as path and query.</summary>
    public static string PathOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"Not a redirect: {(int)response.StatusCode}.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static async Task<(string Id, string Email)> CreateStaffAsync(IServiceProvider services, params string[] roles)
    {
        using var scope = services.CreateScope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        var email = $"staff-{Guid.NewGuid():N}@portal.test";
        var (errors, id) = await staff.CreateAsync(new NewStaffAccount
        {
            DisplayName = "测试员工",
            Email = email,
            Password = Password,
            ConfirmPassword = Password,
            Roles = [.. roles],
        });
        Assert.True(errors.IsValid, string.Join(", ", errors));
        return (id!, email);
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
