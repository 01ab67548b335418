using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using netDumbster.smtp;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Tests.Notifications;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Breaches;

[Collection(AppCollection.Name)]
public sealed class BreachJourneyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea").First;

    private static ILocator TextArea(IPage page, string testId) => page.Locator($"textarea[data-testid={testId}], [data-testid={testId}] textarea").First;

    private static async Task FillAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await Expect(field).ToHaveValueAsync(value);
    }

    [Fact]
    public async Task An_officer_records_an_incident_imports_the_list_reports_on_the_clock_runs_an_approved_campaign_and_closes_it()
    {
        var port = NotificationsHarness.FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:From"] = "privacy@portal.test",
            ["Notifications:Outbox:MessagesPerSecond:Email"] = "0",
        });
        app.StartRealServer();
        var (_, zhou) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        var (_, li) = await CreateStaffAsync(app, "李娜", "li.na@portal.test", Roles.ComplianceOfficer);
        using (var scope = app.Services.CreateScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<SystemService>().SaveAsync(new SystemInput
            {
                Name = "用户行为日志库", OwnerTeam = "平台运维部", OwnerEmail = "usage-logs@portal.test", Purpose = "记录登录与访问日志", StorageRegion = StorageRegions.MainlandChina, CategoryIds = [3, 4],
            });
            Assert.True(saved.Errors.IsValid);
            await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new IdentifierInput(IdentifierKind.Email, "li.lei@example.com")]);
        }

        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await page.SetViewportSizeAsync(1366, 900);
        await SignInAsync(page, zhou, "周晓明");

        // Record the incident.
        await page.GotoAsync("/breaches");
        await Expect(Heading(page, Zh("Breaches.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        await UntilAsync("open the incident dialog", () => page.Locator("[data-testid=breach-new]").ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=breach-save]").IsVisibleAsync());
        await FillAsync(Input(page, "breach-title"), "用户行为日志库测试环境未授权访问");
        await FillAsync(TextArea(page, "breach-what"), "安全运营中心发现测试环境中的用户行为日志副本可被外网访问。");
        await FillAsync(Input(page, "breach-discovered-by"), "安全运营中心");
        await page.Locator("[data-testid=breach-systems]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "用户行为日志库" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-testid=pick-category-device-usage]").ClickAsync();
        await FillAsync(TextArea(page, "breach-cause"), "测试环境访问控制配置错误");
        await FillAsync(TextArea(page, "breach-measures"), "已关闭外网访问，删除日志副本并重置凭据。");
        await FillAsync(Input(page, "breach-estimate"), "1200000");
        await ScreenshotAsync(page, "breach-01-record-zh");
        await page.Locator("[data-testid=breach-save]").ClickAsync();
        await page.WaitForURLAsync("**/breaches/*");
        await Expect(page.Locator("[data-testid=breach-suggested]")).ToContainTextAsync(Zh("Breaches.Grade.Larger"));
        // The duties run from registration, before anyone grades, each with its source.
        await Expect(page.Locator("[data-testid='clock-cn.incident.cac-report']")).ToContainTextAsync("国家网络安全事件报告管理办法 第四条");
        await Expect(page.Locator("[data-testid='clock-cn.incident.individual-notice']")).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);

        // The affected list: a bad file is refused line by line, then a clean one is imported.
        var upload = page.Locator("[data-testid=breach-affected] input[type=file]").First;
        await upload.SetInputFilesAsync(new FilePayload { Name = "affected.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("type,value\nemail,li.lei@example.com\nphone,12345\nfax,x\n") });
        await Expect(page.Locator("[data-testid=import-errors]")).ToContainTextAsync(Zh("Breaches.Import.Errors", 2));
        await Expect(page.Locator("[data-testid=breach-affected]")).ToContainTextAsync(Zh("Breaches.Import.BadKind"));
        await ScreenshotAsync(page, "breach-02-import-errors-zh");
        await upload.SetInputFilesAsync(new FilePayload
        {
            Name = "affected.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("type,value\nemail,li.lei@example.com\nemail,han.meimei@example.com\nemail,Han.Meimei@example.com\nemail,wang.qiang@example.com\n"),
        });
        await Expect(page.Locator("[data-testid=import-result]")).ToContainTextAsync(Zh("Breaches.Import.Done", 4, 3, 1, 2));

        // Grade as suggested: 较大 confirms the CAC report, so "below the reporting threshold" is not offered.
        await page.Locator("[data-testid=breach-grade-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=breach-grade]")).ToContainTextAsync(Zh("Breaches.Grade.Larger"));
        await Expect(page.Locator("[data-testid=duty-below-threshold]")).ToHaveCountAsync(0);
        await FillAsync(Input(page, "step-note-Contain"), "已关闭测试环境外网访问");
        await page.Locator("[data-testid=step-done-Contain]").ClickAsync();
        await Expect(page.Locator("[data-testid=step-Contain]")).ToContainTextAsync("周晓明");

        // The initial CAC report: drafted from the incident, edited, downloaded, submitted on time.
        await page.Locator("[data-testid=report-draft-initial]").ClickAsync();
        await FillAsync(TextArea(page, "report-section-trend"), "事态已得到控制，未发现进一步扩散。");
        await ScreenshotAsync(page, "breach-03-report-edit-zh");
        await page.Locator("[data-testid=report-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-dialog]")).ToBeHiddenAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=report-Initial] [data-testid=report-download]").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var docx = await download.PathAsync();
        using (var word = WordprocessingDocument.Open(docx, false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("个人信息安全事件报告（初报）", text, StringComparison.Ordinal);
            Assert.Contains("事态已得到控制，未发现进一步扩散。", text, StringComparison.Ordinal);
            Assert.Contains("用户行为日志库", text, StringComparison.Ordinal);
        }
        await page.Locator("[data-testid=report-Initial] [data-testid=report-submit]").ClickAsync();
        await FillAsync(Input(page, "submit-to"), "某省网信办网络安全应急指挥中心");
        await page.Locator("[data-testid=submit-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-Initial] [data-testid=report-timeliness]")).ToContainTextAsync(Zh("Breaches.Report.OnTime"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "breach-04-incident-zh");

        // The campaign: PIPL art. 57 contents, e-mail plus announcement, a test, and the drafter's approval refused.
        await page.Locator("[data-testid=breach-new-campaign]").ClickAsync();
        await Expect(Input(page, "campaign-zh-incident_title")).ToHaveValueAsync("用户行为日志库测试环境未授权访问");
        await FillAsync(TextArea(page, "campaign-zh-possible_harm"), "您的登录设备信息可能被他人获知。");
        await FillAsync(TextArea(page, "campaign-zh-advice"), "请留意异常登录提醒，如有疑问请及时修改密码。");
        await FillAsync(TextArea(page, "campaign-zh-remedies"), "如因本事件造成损失，我们将依法承担责任。");
        await FillAsync(Input(page, "campaign-zh-contact"), "个人信息保护负责人：privacy@example.com，400-820-1234");
        await page.Locator("input[data-testid=campaign-channel-Announcement], [data-testid=campaign-channel-Announcement] input").First.CheckAsync();
        await Expect(page.Locator("input[data-testid=campaign-channel-Announcement], [data-testid=campaign-channel-Announcement] input").First).ToBeCheckedAsync();
        await page.Locator("[data-testid=campaign-save]").ClickAsync();
        await page.WaitForURLAsync("**/campaigns/*");
        var campaignUrl = page.Url;
        await Expect(page.Locator("[data-testid=campaign-preview]")).ToContainTextAsync("请留意异常登录提醒");
        await WaitForInteractiveAsync(page);
        await FillAsync(Input(page, "campaign-test-recipient"), "zhou.xiaoming@portal.test");
        await page.Locator("[data-testid=campaign-test]").ClickAsync();
        await Expect(page.Locator("[data-testid=campaign-approval]")).ToContainTextAsync(Zh("Campaigns.TestSentOn", "X").Split('X')[0]);
        await page.Locator("[data-testid=campaign-approve]").ClickAsync();
        await Expect(page.Locator("[data-testid=campaign-message]")).ToContainTextAsync(Zh("Campaigns.Change.SamePerson"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "breach-05-campaign-refused-zh");

        // A second officer approves and starts it; the fan-out and the outbox run as their jobs would.
        await using (var second = await browser.OpenAsync(app.ServerAddress))
        {
            var other = second.Page;
            await other.SetViewportSizeAsync(1366, 900);
            await SignInAsync(other, li, "李娜");
            await other.GotoAsync(campaignUrl);
            await Expect(other.Locator("[data-testid=campaign-approve]")).ToBeVisibleAsync();
            await WaitForInteractiveAsync(other);
            await other.Locator("[data-testid=campaign-approve]").ClickAsync();
            await Expect(other.Locator("[data-testid=campaign-status]")).ToContainTextAsync(Zh("Campaigns.Status.Approved"));
            await other.Locator("[data-testid=campaign-start]").ClickAsync();
            await Expect(other.Locator("[data-testid=campaign-status]")).ToContainTextAsync(Zh("Campaigns.Status.Running"));
            using (var scope = app.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<CampaignService>().RunPendingAsync();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync();
            }
            await Expect(other.Locator("[data-testid=campaign-report]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await Expect(other.Locator("[data-testid=progress-sent]")).ToHaveTextAsync("4");
            await ExpectCleanPageAsync(other);
            await ScreenshotAsync(other, "breach-06-campaign-done-zh");
        }
        var received = smtp.ReceivedEmail.SelectMany(m => m.ToAddresses.Select(a => a.Address)).ToList();
        Assert.Equal(["han.meimei@example.com", "li.lei@example.com", "wang.qiang@example.com", "zhou.xiaoming@portal.test"], received.Order().ToArray());

        await using (var stranger = await browser.OpenAsync(app.ServerAddress))
        {
            await stranger.Page.GotoAsync("/notices");
            await Expect(stranger.Page.Locator("[data-testid=notice]")).ToContainTextAsync("用户行为日志库测试环境未授权访问");
            await ScreenshotAsync(stranger.Page, "breach-07-notices-zh");
            await Expect(stranger.Page.Locator("[data-testid=notices-intro]")).ToContainTextAsync("讯众股份");
            // In English there is no English notice yet: the Chinese one is shown, and said to be Chinese only.
            await stranger.Page.GotoAsync("/culture?name=en&returnUrl=/notices");
            await Expect(stranger.Page.Locator("[data-testid=notices-other-language]")).ToHaveTextAsync(En("Notices.OtherLanguage"));
            await Expect(stranger.Page.Locator("[data-testid=notice]")).ToContainTextAsync("用户行为日志库测试环境未授权访问");
            await ScreenshotAsync(stranger.Page, "breach-07b-notices-en");
        }

        // Closing: refused while the final report is due, then filed and closed.
        long incidentId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            incidentId = (await db.Set<BreachIncident>().SingleAsync()).Id;
        }
        await page.GotoAsync($"/breaches/{incidentId}");
        await Expect(page.Locator("[data-testid=breach-end-handling]")).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=breach-end-handling]").ClickAsync();
        await Expect(page.Locator("[data-testid='clock-cn.incident.final-report']")).ToBeVisibleAsync();
        await page.Locator("[data-testid=breach-close]").ClickAsync();
        await Expect(page.Locator("[data-testid=breach-message]")).ToContainTextAsync(Zh("Breaches.Change.DutiesOpen"));
        await Expect(page.Locator("[data-testid=breach-open-items] li")).ToHaveTextAsync([Zh("Breaches.Open.Duty", Zh("Clocks.Preset.cn.incident.final-report"))]);
        await ScreenshotAsync(page, "breach-07b-close-refused-zh");
        await page.Locator("[data-testid=report-draft-final]").ClickAsync();
        await FillAsync(TextArea(page, "report-section-lessons"), "测试环境纳入生产同等的访问控制审计。");
        await page.Locator("[data-testid=report-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-dialog]")).ToBeHiddenAsync();
        await page.Locator("[data-testid=report-Final] [data-testid=report-submit]").ClickAsync();
        await FillAsync(Input(page, "submit-to"), "某省网信办网络安全应急指挥中心");
        await page.Locator("[data-testid=submit-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-Final] [data-testid=report-timeliness]")).ToContainTextAsync(Zh("Breaches.Report.OnTime"));
        // Nothing is owed any more: closing asks first.
        await page.Locator("[data-testid=breach-close]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync(Zh("Breaches.Close.Confirm.Body"));
        await page.Locator(".mud-dialog button", new() { HasText = Zh("Breaches.Close") }).ClickAsync();
        await Expect(page.Locator("[data-testid=breach-status]")).ToContainTextAsync(Zh("Breaches.Status.Closed"));
        await Expect(page.Locator("[data-testid=breach-timeline]")).ToContainTextAsync(Zh("Breaches.Event.Closed"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "breach-08-closed-zh");

        // The same pages in English.
        await SwitchCultureAsync(page, "en");
        await Expect(page.Locator("[data-testid=breach-status]")).ToContainTextAsync(En("Breaches.Status.Closed"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "breach-09-closed-en");
        await page.GotoAsync(campaignUrl);
        await Expect(page.Locator("[data-testid=campaign-report]")).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "breach-10-campaign-en");
        await page.GotoAsync("/breaches");
        await Expect(Heading(page, En("Breaches.Title"))).ToBeVisibleAsync();
        await ScreenshotAsync(page, "breach-11-register-en");
    }
}
