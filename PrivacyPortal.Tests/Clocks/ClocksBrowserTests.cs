using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Clocks;

[Collection(AppCollection.Name)]
public sealed class ClocksBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_compliance_officer_starts_a_test_clock_pauses_it_with_a_reason_and_reads_the_calendar()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, email) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "周晓明");

        // The home page counts deadlines; the navigation leads to them.
        await Expect(page.Locator("[data-testid=card-clocks]")).ToBeVisibleAsync();
        // No SMS gateway in this portal: said plainly before anyone relies on it.
        await Expect(page.Locator("[data-testid=channels-unready]")).ToContainTextAsync(Zh("Notifications.Channels.NotConfigured", Zh("Notifications.Channel.Sms"), "Notifications:Sms:Url"));
        await Expect(page.Locator("[data-testid=nav-clocks]")).ToBeVisibleAsync();
        await page.GotoAsync("/clocks");
        await Expect(Heading(page, Zh("Clocks.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);

        await UntilAsync("open the start dialog", () => page.Locator("[data-testid=clock-start]").ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=start-save]").IsVisibleAsync());
        await page.Locator("input[data-testid=start-reference], [data-testid=start-reference] input").First.FillAsync("TEST-0420");
        await page.Locator("[data-testid=start-save]").ClickAsync();

        var row = page.Locator("[data-testid=clock-grid] tbody tr", new() { HasText = "TEST-0420" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("[data-testid=clock-badge]")).ToContainTextAsync("剩余");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "20-clocks-zh");

        await row.ClickAsync();
        var dialog = page.Locator("[data-testid=clock-dialog]");
        await Expect(dialog.Locator("[data-testid=clock-history]")).ToContainTextAsync(Zh("Clocks.Entry.Started"));
        await dialog.Locator("[data-testid=clock-pause]").ClickAsync();
        await Expect(dialog.GetByText(Zh("Clocks.ReasonRequired"))).ToBeVisibleAsync();
        await dialog.Locator("textarea[data-testid=clock-reason], [data-testid=clock-reason] textarea").First.FillAsync("等待用户补充身份证明材料");
        await dialog.Locator("[data-testid=clock-pause]").ClickAsync();
        await Expect(dialog.Locator("[data-testid=clock-history]")).ToContainTextAsync("等待用户补充身份证明材料");
        await Expect(dialog.Locator("[data-testid=clock-badge]")).ToContainTextAsync(Zh("Clocks.Badge.Paused"));
        await ScreenshotAsync(page, "21-clock-dialog-zh");

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var clock = await db.Set<Clock>().SingleAsync(c => c.OwnerId == "TEST-0420");
            Assert.Equal(ClockState.Paused, clock.State);
        }

        // The calendar: the seeded 2026 arrangement, and an import that reports each bad row and saves nothing.
        await page.GotoAsync("/clocks/calendar");
        await Expect(page.Locator("[data-testid=calendar-entries]")).ToContainTextAsync("国办发明电〔2025〕7号");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "22-calendar-zh");

        await WaitForInteractiveAsync(page);
        await UntilAsync("open the import dialog", () => page.Locator("[data-testid=calendar-import]").ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator(".mud-dialog input[type=file]").CountAsync().ContinueWith(t => t.Result > 0));
        var csv = "date,kind,name,source\n2026-10-01,Holiday,国庆节,通知\n2026-02-30,Holiday,错误日期,通知\n2026-05-01,Vacation,类型错误,通知\n";
        await page.Locator(".mud-dialog input[type=file]").SetInputFilesAsync(new FilePayload { Name = "2026.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var errors = page.Locator("[data-testid=import-errors]");
        await Expect(errors).ToContainTextAsync(Zh("Calendar.ImportErrors", 2));
        await Expect(page.Locator(".mud-dialog").GetByText(Zh("Calendar.Import.BadDate"))).ToBeVisibleAsync();
        await ScreenshotAsync(page, "23-calendar-import-errors-zh");

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(33 + 6, await db.Set<CalendarDay>().CountAsync(d => d.Region == CalendarRegions.MainlandChina && d.Date.Year == 2026));
        }

        await page.GotoAsync("/clocks/presets");
        await Expect(page.Locator("[data-testid=preset-table]")).ToContainTextAsync(Zh("Clocks.Kind.Policy"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "24-presets-zh");

        // The outer limit stops only for proof of identity or a fee; an officer may add "other", for clocks started from now on.
        var outerPauses = page.Locator("[data-testid='preset-pauses-cn.request.hard-stop']");
        await Expect(outerPauses).ToContainTextAsync(Zh("Clocks.PauseReason.IdentityProof"));
        await Expect(outerPauses).Not.ToContainTextAsync(Zh("Clocks.PauseReason.Other"));
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=preset-table] tbody tr", new() { HasText = Zh("Clocks.Preset.cn.request.hard-stop") }).Locator("button").ClickAsync();
        var presetDialog = page.Locator(".mud-dialog");
        await Expect(presetDialog.Locator("[data-testid=preset-pauses]")).ToContainTextAsync(Zh("Presets.HonouredPausesHint"));
        await ScreenshotAsync(page, "24b-preset-pauses-zh");
        await presetDialog.Locator("input[data-testid=preset-pause-Other], [data-testid=preset-pause-Other] input").First.ClickAsync();
        await presetDialog.GetByRole(AriaRole.Button, new() { Name = Zh("Common.Save") }).ClickAsync();
        await Expect(outerPauses).ToContainTextAsync(Zh("Clocks.PauseReason.Other"));

        // The same pages in English.
        await WaitForInteractiveAsync(page);
        await SwitchCultureAsync(page, "en");
        await page.GotoAsync("/clocks");
        await Expect(Heading(page, En("Clocks.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=clock-grid] tbody tr", new() { HasText = "TEST-0420" }).Locator("[data-testid=clock-badge]")).ToContainTextAsync(En("Clocks.Badge.Paused"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "25-clocks-en");
        await page.GotoAsync("/clocks/calendar");
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "26-calendar-en");
    }
}
