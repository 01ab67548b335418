using Microsoft.Playwright;

namespace PrivacyPortal.Tests.Browser;

/// <summary>
/// One headless Chromium per test class (Debian's, never a downloaded one); each test opens its own
/// <see cref="IBrowserContext"/> so cookies, culture and theme never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Without the background-networking switches Chromium keeps calling home on a closed network.
    private static readonly string[] Switches =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Switches,
        });
    }

    /// <summary>A fresh browser profile in Chinese (the portal's default), at a typical office-laptop size.</summary>
    public async Task<BrowserSession> OpenAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        context.Page += (_, page) => PortalBrowser.WatchContentSecurityPolicy(page);
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}

/// <summary>One browser profile with its tab; closing it drops the Blazor circuit before the app stops.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
