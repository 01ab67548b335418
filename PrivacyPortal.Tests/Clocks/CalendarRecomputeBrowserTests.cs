using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Clocks;

/// <summary>A calendar correction offers to recompute the deadlines it moves, shows each one first, and the case follows.</summary>
[Collection(AppCollection.Name)]
public sealed class CalendarRecomputeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_corrects_the_calendar_reviews_the_deadlines_it_moves_and_recomputes_them_with_a_reason()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, officer) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        long id;
        string reference;
        DateTime before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, subjectId) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13900000061")]);
            var taken = await scope.ServiceProvider.GetRequiredService<RequestService>().TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Access], Summary = "来电查询个人信息" });
            id = Assert.Single(taken.Created).Id;
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var request = await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == id);
            (reference, before) = (request.CaseNumber, request.DueAtUtc);
            // A correction: a working day before the due date becomes a holiday (entered after the case started).
            var time = scope.ServiceProvider.GetRequiredService<PortalTime>();
            var day = DateOnly.FromDateTime(time.ToLocal(before)).AddDays(-1);
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(-1);
            }
            var (errors, _) = await scope.ServiceProvider.GetRequiredService<CalendarService>().SaveAsync(CalendarRegions.MainlandChina,
                new CalendarEntryInput { Date = day.ToDateTime(TimeOnly.MinValue), Kind = CalendarDayKind.Holiday, Name = "临时调整", Source = "更正通知" });
            Assert.True(errors.IsValid, string.Join(", ", errors));
        }
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, officer, "周晓明");

        await page.GotoAsync("/clocks/calendar");
        await Expect(page.Locator("[data-testid=recompute-pending]")).ToContainTextAsync(Zh("Calendar.Recompute.Pending.One", 1));
        await WaitForInteractiveAsync(page);
        await UntilAsync("open the preview", () => page.Locator("[data-testid=recompute-review]").ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=recompute-dialog]").IsVisibleAsync());
        var preview = page.Locator("[data-testid=recompute-preview]");
        await Expect(preview).ToContainTextAsync(reference);
        await Expect(preview).ToContainTextAsync(Zh("Calendar.Recompute.Later"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "calendar-recompute-preview-zh");

        // Nothing is saved without a reason.
        await page.Locator("[data-testid=recompute-confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=recompute-dialog]").GetByText(Zh("Validation.Required"))).ToBeVisibleAsync();
        await page.Locator("input[data-testid=recompute-reason], [data-testid=recompute-reason] input").First.FillAsync("节假日安排更正后重算");
        await page.Locator("[data-testid=recompute-confirm]").ClickAsync();
        await Expect(page.GetByText(Zh("Calendar.Recompute.Done.One", 1, 0))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=recompute-pending]")).ToHaveCountAsync(0);

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var request = await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == id);
            var clock = await db.Set<Clock>().SingleAsync(c => c.Id == request.ClockId);
            Assert.True(request.DueAtUtc > before);
            Assert.Equal(clock.DueUtc, request.DueAtUtc);
            Assert.Contains(await db.AuditEvents.Select(e => e.Action).ToListAsync(), a => a == "clock.bulk-recomputed");
        }

        await SwitchCultureAsync(page, "en");
        await page.GotoAsync("/clocks/calendar");
        await ExpectCleanPageAsync(page, "en");
    }
}
