using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Requests;

/// <summary>An officer sees a Chinese request's target and outer limit side by side, pauses for an inquiry of their own, and sees which clock keeps running.</summary>
[Collection(AppCollection.Name)]
public sealed class RequestOuterLimitBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_case_page_and_the_queue_show_the_target_and_the_outer_limit_and_say_which_keeps_running_when_paused()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, officer) = await CreateStaffAsync(app, "孙丽华", "sun.lihua@portal.test", Roles.ComplianceOfficer);
        long id, late;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, subjectId) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13900000081")]);
            var requests = scope.ServiceProvider.GetRequiredService<RequestService>();
            id = Assert.Single((await requests.TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Access], Summary = "来电要求查询通话记录" })).Created).Id;
            late = Assert.Single((await requests.TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Deletion], Summary = "来电要求删除营销数据" })).Created).Id;
        }
        // A second case whose outer limit ran out a day ago (its target was paused meanwhile).
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var lateCase = await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == late);
            var passed = DateTime.UtcNow.AddDays(-1);
            await db.Set<Clock>().Where(c => c.Id == lateCase.HardStopClockId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DueUtc, passed).SetProperty(c => c.State, ClockState.Breached));
            await db.Set<Clock>().Where(c => c.Id == lateCase.ClockId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ClockState.Paused).SetProperty(c => c.PausedAtUtc, passed));
            await db.Set<DataSubjectRequest>().Where(r => r.Id == late).ExecuteUpdateAsync(s => s.SetProperty(r => r.OuterDueAtUtc, passed));
        }
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await page.SetViewportSizeAsync(1440, 900);
        await SignInAsync(page, officer, "孙丽华");

        await page.GotoAsync($"/requests/{id}");
        var panel = page.Locator("[data-testid=case-clock]");
        await Expect(panel.Locator("[data-testid=case-clock-target]")).ToContainTextAsync(Zh("Requests.Clock.Name.Target"));
        await Expect(panel.Locator("[data-testid=case-clock-target]")).ToContainTextAsync("公司政策");
        await Expect(panel.Locator("[data-testid=case-clock-outer]")).ToContainTextAsync(Zh("Requests.Clock.Name.Outer"));
        await Expect(panel.Locator("[data-testid=case-clock-outer]")).ToContainTextAsync("GB/T 35273-2020 §8.7");
        await WaitForInteractiveAsync(page);

        // An inquiry of the officer's own: the target stops, the outer limit keeps running, and the page says so before and after.
        await panel.Locator("[data-testid=clock-pause]").ClickAsync();
        await panel.Locator("[data-testid=clock-kind-Other]").ClickAsync();
        await Expect(panel.Locator("[data-testid=clock-kind-effect]")).ToContainTextAsync(Zh("Requests.Clock.KeepsRunning", Zh("Requests.Clock.Name.Outer")));
        var reason = panel.Locator("textarea[data-testid=clock-reason], [data-testid=clock-reason] textarea").First;
        await reason.FillAsync("等待计费部门核实通话记录范围");
        await reason.PressAsync("Tab");
        await Expect(reason).ToHaveValueAsync("等待计费部门核实通话记录范围");
        await ScreenshotAsync(page, "78-case-pause-kind-zh");
        await panel.Locator("[data-testid=clock-save]").ClickAsync();
        await Expect(panel.Locator("[data-testid=case-clock-paused-note]")).ToContainTextAsync("目标时限已暂停；最长时限仍在计时");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "79-case-two-clocks-zh");

        await page.GotoAsync($"/requests/{late}");
        await Expect(page.Locator("[data-testid=case-clock-outer-passed]")).ToContainTextAsync("GB/T 35273-2020 §8.7");
        await Expect(page.Locator("[data-testid=case-clock-paused-note]")).ToContainTextAsync("最长时限不因此暂停，已于");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "80-case-outer-limit-passed-zh");

        // The queue: a column of its own for the outer limit, and a filter for cases past it.
        await page.GotoAsync("/requests?due=outer-limit");
        await Expect(page.Locator("[data-testid=queue-case]")).ToHaveCountAsync(1);
        await page.GotoAsync("/requests");
        await Expect(page.Locator("[data-testid=queue-outer]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=queue-grid]")).ToContainTextAsync(Zh("Requests.Queue.OuterLimit"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "81-queue-two-clocks-zh");

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/requests/{id}");
        await Expect(page.Locator("[data-testid=case-clock-outer]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "82-case-two-clocks-zh-390");
        await page.GotoAsync("/requests");
        await Expect(page.Locator("[data-testid=queue-outer]").First).ToBeAttachedAsync();
        await ScreenshotAsync(page, "83-queue-two-clocks-zh-390");

        await SwitchCultureAsync(page, "en");
        await page.GotoAsync($"/requests/{id}");
        await Expect(page.Locator("[data-testid=case-clock-paused-note]")).ToContainTextAsync("The target is paused; the outer limit keeps running");
        await Expect(page.Locator("[data-testid=case-clock-outer]")).ToContainTextAsync(En("Requests.Clock.Name.Outer"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "84-case-two-clocks-en-390");
        await page.GotoAsync("/requests");
        await Expect(page.Locator("[data-testid=queue-grid]")).ToContainTextAsync(En("Requests.Queue.OuterLimit"));
        await ScreenshotAsync(page, "85-queue-two-clocks-en-390");
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync($"/requests/{id}");
        await Expect(page.Locator("[data-testid=case-clock-outer]")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "86-case-two-clocks-en");
        await page.GotoAsync("/requests");
        await Expect(page.Locator("[data-testid=queue-outer]")).ToHaveCountAsync(2);
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "87-queue-two-clocks-en");
    }
}
