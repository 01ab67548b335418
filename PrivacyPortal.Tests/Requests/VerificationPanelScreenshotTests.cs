using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Tests.Localization;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Requests.VerificationTestData;

namespace PrivacyPortal.Tests.Requests;

/// <summary>
/// The panel has no page of its own (the case page embeds it): its markup is rendered with bUnit and shown in the
/// browser with the portal's own styles, to be looked at in both languages.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VerificationPanelScreenshotTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_panel_with_a_code_sent_reads_well(string culture)
    {
        var markup = await RenderAsync(culture);
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await page.SetContentAsync($"""
            <html lang="{culture}"><head><base href="{app.ServerAddress}/" />
            <link rel="stylesheet" href="fonts/fonts.css" /><link rel="stylesheet" href="_content/MudBlazor/MudBlazor.min.css" /><link rel="stylesheet" href="css/app.css" /></head>
            <body class="pp-light"><div style="max-width: 760px; margin: 24px">{markup}</div></body></html>
            """);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.Equal(1, await page.Locator("[data-testid=verification-challenge]").CountAsync());
        await ScreenshotAsync(page, $"verification-panel-{culture}");
    }

    private static async Task<string> RenderAsync(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            await using var harness = await ServiceHarness.CreateAsync(Now);
            await using var context = new BunitContext();
            context.JSInterop.Mode = JSRuntimeMode.Loose;
            context.Services.AddMudServices();
            context.Services.AddPortalTextOfAllModules();
            context.Services.AddSingleton(harness.Get<VerificationService>());
            context.Services.AddSingleton(harness.Get<PortalTime>());
            var person = await PersonAsync(harness);
            var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access, RequestType.Deletion);
            await harness.Get<VerificationService>().SendCodeAsync(cases[0].Id, person.PhoneId);
            await harness.Get<VerificationService>().CheckCodeAsync(cases[0].Id, "000000");
            // The theme's colours and sizes are CSS variables the provider writes.
            var theme = context.Render<MudThemeProvider>();
            context.Render<MudPopoverProvider>();
            var panel = context.Render<VerificationPanel>(p => p.Add(x => x.RequestId, cases[0].Id));
            panel.WaitForElement("[data-testid=verification-challenge]");
            return theme.Markup + panel.Markup;
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }
}
