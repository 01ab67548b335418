using Microsoft.Playwright;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Requests;

[Collection(AppCollection.Name)]
public sealed class DeliveryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_person_opening_the_link_sees_only_the_code_form_and_a_wrong_code_message_in_either_language()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        var token = AccessDeliveryService.NewToken();

        await page.GotoAsync($"/delivery/{token}");
        await Expect(Heading(page, Zh("Delivery.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=delivery-code]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "delivery-page-zh-CN");

        // A link that does not exist: the code is refused the same way a dead link is, with words, not an error page.
        await page.Locator("[data-testid=delivery-code]").FillAsync("123456");
        await page.Locator("[data-testid=delivery-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=delivery-message]")).ToHaveTextAsync(Zh("Delivery.Invalid"));
        await Expect(page.Locator("[data-testid=delivery-code]")).ToHaveCountAsync(0);

        await page.GotoAsync($"/delivery/{token}?r=WrongCode&left=3");
        await page.Locator("[data-testid=culture-en]").ClickAsync();
        await Expect(Heading(page, En("Delivery.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=delivery-message]")).ToHaveTextAsync(En("Delivery.WrongCode", 3));
        await ScreenshotAsync(page, "delivery-page-wrong-code-en");
    }
}
