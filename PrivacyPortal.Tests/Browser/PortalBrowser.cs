using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Resources;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyPortal.Tests.Browser;

/// <summary>The portal's own UI text, read from the same resources the pages use.</summary>
public static class UiText
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static string Zh(string key) => Get(key, Chinese);

    public static string En(string key) => Get(key, English);

    public static string Zh(string key, params object[] args) => string.Format(Chinese, Zh(key), args);

    public static string En(string key, params object[] args) => string.Format(English, En(key), args);

    /// <summary>Every key with its English and Chinese text.</summary>
    public static IReadOnlyList<(string Key, string En, string Zh)> All { get; } = LoadAll();

    private static string Get(string key, CultureInfo culture) =>
        Localization.PortalTextForTests.Text(key, culture.Name) ?? throw new KeyNotFoundException($"No UI text '{key}' for {culture.Name}.");

    private static List<(string, string, string)> LoadAll()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return Localization.PortalTextForTests.Localizer.GetAllStrings(includeParentCultures: false)
                .Select(e => e.Name)
                .Order(StringComparer.Ordinal)
                .Select(k => (k, En(k), Zh(k)))
                .ToList();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>What a user does in the portal, and the checks every page must pass.</summary>
public static partial class PortalBrowser
{
    private static readonly Lazy<Regex> RawKey = new(() =>
    {
        // "Home.Title" on screen means a missing resource: the localizer shows the key itself.
        var prefixes = UiText.All.Select(t => t.Key.Split('.')[0]).Distinct().Select(Regex.Escape);
        return new Regex($@"\b(?:{string.Join('|', prefixes)})\.[A-Za-z]", RegexOptions.CultureInvariant);
    });

    /// <summary>/work/main/screenshots (git-ignored), found from the test binaries.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Repository.PathOf("screenshots")).FullName;

    public static async Task<(string Id, string Email)> CreateStaffAsync(PortalAppFactory app, string name, string email, params string[] roles)
    {
        using var scope = app.Services.CreateScope();
        var (errors, id) = await scope.ServiceProvider.GetRequiredService<StaffService>().CreateAsync(new NewStaffAccount
        {
            DisplayName = name,
            Email = email,
            Password = PortalHttp.Password,
            ConfirmPassword = PortalHttp.Password,
            Roles = [.. roles],
        });
        Assert.True(errors.IsValid, string.Join(", ", errors));
        return (id!, email);
    }

    /// <summary>Types into a MudBlazor text field by its test id and leaves it, so the value reaches the circuit.</summary>
    public static async Task FillMudFieldAsync(IPage page, string testId, string value)
    {
        var input = page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    /// <summary>Signs in on the real sign-in page and waits for the dashboard greeting.</summary>
    public static async Task SignInAsync(IPage page, string email, string displayName, string password = PortalHttp.Password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await SubmitAsync(page, "[data-testid=signin-submit]");
        await ExpectGreetingAsync(page, UiText.Zh("Home.Greeting", displayName));
    }

    /// <summary>
    /// Clicks the submit button of a plain (static) form and checks the server took the post: a refused post
    /// otherwise only shows up later as Chromium's own error page.
    /// </summary>
    public static async Task<IResponse> SubmitAsync(IPage page, string submitSelector)
    {
        var button = page.Locator(submitSelector);
        var tokens = await button.EvaluateAsync<int>("b => b.form ? b.form.querySelectorAll('input[name=__RequestVerificationToken]').length : -1");
        var response = await page.RunAndWaitForResponseAsync(
            () => button.ClickAsync(),
            r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
        Assert.True(
            response.Status < 400,
            $"POST {new Uri(response.Url).AbsolutePath} answered {response.Status} {response.StatusText}; the form carried {tokens} __RequestVerificationToken field(s).");
        return response;
    }

    public static async Task ExpectGreetingAsync(IPage page, string greeting)
    {
        await Expect(page).ToHaveURLAsync(new Regex(@"^https?://[^/]+/$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = greeting, Level = 1 })).ToBeVisibleAsync();
    }

    public static ILocator Heading(IPage page, string text) =>
        page.GetByRole(AriaRole.Heading, new() { Name = text, Exact = true });

    /// <summary>The left navigation of the interactive shell.</summary>
    public static ILocator NavMenu(IPage page) => page.Locator(".mud-drawer .mud-navmenu");

    /// <summary>
    /// A prerendered page looks ready before its circuit is: clicks are lost until Blazor attaches. Repeats
    /// <paramref name="act"/> until <paramref name="done"/> holds, checking first, so a toggle is never undone.
    /// </summary>
    public static async Task UntilAsync(string what, Func<Task> act, Func<Task<bool>> done, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {timeoutMs} ms: {what}.");
            }
            try
            {
                await act();
            }
            catch (PlaywrightException)
            {
                // Re-rendered under the click (prerender replaced by the interactive render): try again.
            }
            for (var i = 0; i < 25 && !await done(); i++)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Opens the language menu of the interactive shell (which also proves the circuit is live).</summary>
    public static Task OpenCultureMenuAsync(IPage page) =>
        UntilAsync(
            "open the language menu",
            () => page.Locator("[data-testid=culture-menu] button").First.ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=culture-en]").IsVisibleAsync());

    /// <summary>Waits until the page's Blazor circuit answers clicks: opens the language menu and closes it again.</summary>
    public static async Task WaitForInteractiveAsync(IPage page)
    {
        await OpenCultureMenuAsync(page);
        await page.Keyboard.PressAsync("Escape");
        if (await page.Locator("[data-testid=culture-en]").IsVisibleAsync())
        {
            await page.Locator("[data-testid=culture-menu] button").First.ClickAsync();
        }
        await Expect(page.Locator("[data-testid=culture-en]")).ToBeHiddenAsync();
    }

    /// <summary>Picks a language in the app bar menu; the page reloads in it.</summary>
    public static async Task SwitchCultureAsync(IPage page, string culture)
    {
        await OpenCultureMenuAsync(page);
        await page.Locator($"[data-testid=culture-{culture}]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Clicks the theme button until the page is in the wanted theme.</summary>
    public static async Task SetDarkAsync(IPage page, bool dark)
    {
        var wanted = dark ? "pp-dark" : "pp-light";
        await UntilAsync(
            $"switch to {wanted}",
            () => page.Locator("[data-testid=theme-toggle]").ClickAsync(new() { Timeout = 5_000 }),
            async () => (await page.Locator("body").GetAttributeAsync("class") ?? "").Split(' ').Contains(wanted));
        // MudBlazor repaints from its palette; the page background is the visible proof.
        var background = dark ? "rgb(18, 23, 30)" : "rgb(245, 247, 250)";
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", background);
    }

    /// <summary>
    /// What a compliance officer would notice first: a raw resource key, the neutral English text on a Chinese
    /// page (a missing translation), or Blazor's error bar.
    /// </summary>
    private static readonly ConditionalWeakTable<IPage, List<string>> PolicyViolations = [];

    /// <summary>Chromium reports what the Content-Security-Policy refused on the console; ExpectCleanPageAsync fails on it.</summary>
    public static void WatchContentSecurityPolicy(IPage page)
    {
        var violations = PolicyViolations.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
    }

    public static void ExpectNoPolicyViolations(IPage page)
    {
        if (PolicyViolations.TryGetValue(page, out var violations))
        {
            lock (violations)
            {
                Assert.True(violations.Count == 0, $"The Content-Security-Policy refused something on {page.Url}: {string.Join(" | ", violations)}");
            }
        }
    }

    public static async Task ExpectCleanPageAsync(IPage page, string culture = "zh-CN")
    {
        ExpectNoPolicyViolations(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        var text = await page.Locator("body").InnerTextAsync();
        var title = await page.TitleAsync();
        var key = RawKey.Value.Match(text + "\n" + title);
        Assert.False(key.Success, $"A raw resource key is shown on {page.Url}: '{Around(text + "\n" + title, key.Index)}'.");
        if (culture == "zh-CN")
        {
            var english = UiText.All
                .Where(t => t.En != t.Zh && t.En.Contains(' ', StringComparison.Ordinal) && t.En.Length >= 8 && !t.En.Contains('{', StringComparison.Ordinal))
                .Where(t => text.Contains(t.En, StringComparison.Ordinal) || title.Contains(t.En, StringComparison.Ordinal))
                .Select(t => $"{t.Key} = '{t.En}'")
                .ToList();
            Assert.True(english.Count == 0, $"English text on the Chinese page {page.Url}: {string.Join("; ", english)}");
        }
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), $"Blazor's error bar is shown on {page.Url}.");
    }

    /// <summary>Saves a full-page PNG to the screenshot folder once animations and fonts have settled.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => document.fonts.ready");
        // The pointer leaves the last button, as a user's would: no tooltip left hanging in the picture.
        var viewport = page.ViewportSize ?? new PageViewportSizeResult { Width = 1366, Height = 860 };
        await page.Mouse.MoveAsync(viewport.Width - 4, viewport.Height - 4);
        // A full-page picture of a scrolled page shows the fixed app bar half-way down: start from the top.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Task.Delay(300);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Assert.True(new FileInfo(path).Length > 5_000, $"Screenshot {path} is (nearly) empty.");
        return path;
    }

    private static string Around(string text, int index) =>
        text.Substring(Math.Max(0, index - 20), Math.Min(60, text.Length - Math.Max(0, index - 20))).ReplaceLineEndings(" ");

}
