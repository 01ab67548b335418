using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Notifications;

[Collection(AppCollection.Name)]
public sealed class NotificationsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_previews_a_template_sees_a_bad_placeholder_refused_and_queues_a_test_message()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        await CreateStaffAsync(app, "李娜", "li.na@portal.test", Roles.ComplianceOfficer);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await page.SetViewportSizeAsync(1366, 860);
        await SignInAsync(page, "li.na@portal.test", "李娜");

        await page.GotoAsync("/notifications/templates");
        await Expect(Heading(page, Zh("Notifications.Templates.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        // The English templates' own text is on this page by design, so only the raw-key and error-bar checks apply.
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
        await ScreenshotAsync(page, "notifications-templates-zh");

        await page.Locator("[data-testid=template-edit-RequestAcknowledgement-zh-CN]").ClickAsync();
        await Expect(page.Locator("[data-testid=template-preview-body]")).ToContainTextAsync("PR-2026-000123");
        await ScreenshotAsync(page, "notifications-template-edit-zh");

        var subject = page.Locator("[data-testid=template-subject]");
        await subject.FillAsync("{{ customer_name }}，您好");
        await Expect(page.Locator("[data-testid=template-edit-dialog]")).ToContainTextAsync(Zh("Notifications.Error.UnknownPlaceholder", "customer_name"));
        await ScreenshotAsync(page, "notifications-template-error-zh");
        await page.Locator("[data-testid=template-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=template-edit-dialog]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.Locator("[data-testid=templates-send-test]").ClickAsync();
        var recipient = page.Locator("[data-testid=test-recipient]");
        await recipient.FillAsync("not-an-address");
        await page.Locator("[data-testid=test-send]").ClickAsync();
        await Expect(page.Locator("[data-testid=test-message-dialog]")).ToContainTextAsync(Zh("Validation.Email"));
        await ScreenshotAsync(page, "notifications-test-error-zh");
        await recipient.FillAsync("officer.check@example.test");
        await page.Locator("[data-testid=test-send]").ClickAsync();
        await Expect(page.Locator("[data-testid=test-message-dialog]")).ToBeHiddenAsync();

        // Something to look at in the outbox: a failed SMS and a published announcement besides the test e-mail.
        using (var scope = app.Services.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
            await outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Sms, NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese,
                "13800005678", NotificationPurposes.Find(NotificationPurposes.RequestAcknowledgement)!.Samples(NotificationLanguages.Chinese)));
            await outbox.EnqueueAsync(new NotificationRequest(NotificationChannel.Announcement, NotificationPurposes.IncidentAnnouncement, NotificationLanguages.Chinese,
                null, NotificationPurposes.Find(NotificationPurposes.IncidentAnnouncement)!.Samples(NotificationLanguages.Chinese)));
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync();
        }

        await page.GotoAsync("/notifications/outbox");
        await Expect(Heading(page, Zh("Notifications.Outbox.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=outbox-grid]")).ToContainTextAsync("o***@example.test");
        await WaitForInteractiveAsync(page);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "notifications-outbox-zh");
        await page.Locator("[data-testid=outbox-grid] tbody tr").Last.ClickAsync();
        await Expect(page.Locator("[data-testid=outbox-message-dialog]")).ToContainTextAsync("outbox-1@privacy-portal");
        await ScreenshotAsync(page, "notifications-outbox-message-zh");

        await using var stranger = await browser.OpenAsync(app.ServerAddress);
        await stranger.Page.GotoAsync("/notices");
        await Expect(stranger.Page.Locator("[data-testid=notice]")).ToContainTextAsync("关于部分用户联系信息可能泄露的公告");
        await ScreenshotAsync(stranger.Page, "notifications-notices-zh");
    }
}
