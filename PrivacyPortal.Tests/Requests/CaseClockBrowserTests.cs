using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Requests;

/// <summary>An officer on a repeated GDPR request: assesses a fee, records the payment, extends the deadline with notice.</summary>
[Collection(AppCollection.Name)]
public sealed class CaseClockBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_assesses_a_fee_records_the_payment_and_extends_a_gdpr_deadline_with_notice()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (_, officer) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (_, subjectId) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Email, "liu.yang@example.com")]);
            var requests = scope.ServiceProvider.GetRequiredService<RequestService>();
            for (var i = 0; i < 5; i++)
            {
                await requests.TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Access], Summary = "索取通话记录副本", CreateDespiteDuplicates = true });
            }
            var last = await requests.TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Access], Summary = "再次索取通话记录副本", Jurisdiction = "GDPR", CreateDespiteDuplicates = true });
            id = Assert.Single(last.Created).Id;
        }
        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, officer, "周晓明");

        await page.GotoAsync($"/requests/{id}");
        var panel = page.Locator("[data-testid=case-clock]");
        await Expect(panel.Locator("[data-testid=fee-count]")).ToContainTextAsync(Zh("Requests.Fee.Count", 6, 4));
        await WaitForInteractiveAsync(page);

        // Assess: a bad amount is refused at the field, then a fee with its basis pauses the clock.
        await panel.Locator("[data-testid=fee-assess]").ClickAsync();
        var amount = panel.Locator("input[data-testid=fee-amount], [data-testid=fee-amount] input").First;
        await amount.FillAsync("5000");
        await amount.PressAsync("Tab");
        await Expect(amount).ToHaveValueAsync("5000");
        var basis = panel.Locator("textarea[data-testid=fee-basis], [data-testid=fee-basis] textarea").First;
        await basis.FillAsync("过去12个月内第6次调取通话记录，需人工从归档恢复，按实际成本收取");
        await basis.PressAsync("Tab");
        await Expect(basis).ToHaveValueAsync("过去12个月内第6次调取通话记录，需人工从归档恢复，按实际成本收取");
        await panel.Locator("[data-testid=fee-save]").ClickAsync();
        await Expect(panel).ToContainTextAsync(Zh("Requests.Fee.TooHigh"));
        await amount.FillAsync("50");
        await amount.PressAsync("Tab");
        await Expect(amount).ToHaveValueAsync("50");
        await panel.Locator("[data-testid=fee-save]").ClickAsync();
        await Expect(panel.Locator("[data-testid=fee-due]")).ToContainTextAsync("¥50.00");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "75-case-fee-assessed-zh");

        var note = panel.Locator("input[data-testid=fee-note], [data-testid=fee-note] input").First;
        await note.FillAsync("收据 R-2026-0012");
        await note.PressAsync("Tab");
        await Expect(note).ToHaveValueAsync("收据 R-2026-0012");
        await panel.Locator("[data-testid=fee-paid]").ClickAsync();
        await Expect(panel.Locator("[data-testid=fee-settled]")).ToContainTextAsync("R-2026-0012");

        // Extend by one month with the reason the person will read.
        await SwitchCultureAsync(page, "en");
        await WaitForInteractiveAsync(page);
        await panel.Locator("[data-testid=clock-extend]").ClickAsync();
        var reason = panel.Locator("textarea[data-testid=clock-reason], [data-testid=clock-reason] textarea").First;
        await reason.FillAsync("The request covers several years of call records held in three systems.");
        await reason.PressAsync("Tab");
        await Expect(reason).ToHaveValueAsync("The request covers several years of call records held in three systems.");
        await ScreenshotAsync(page, "76-case-extend-en");
        await panel.Locator("[data-testid=clock-save]").ClickAsync();
        await Expect(panel.Locator("[data-testid=case-clock-extended]")).ToContainTextAsync(En("Requests.Clock.ExtendedBy", En("Clocks.Unit.CalendarMonths.One", 1)));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "77-case-extended-en");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var purposes = await db.Set<OutboxMessage>().Where(m => m.CorrelationId!.StartsWith($"request:{id}:")).Select(m => m.Purpose).ToListAsync();
        Assert.Contains(NotificationPurposes.RequestFee, purposes);
        Assert.Contains(NotificationPurposes.RequestExtension, purposes);
        Assert.Equal(FeeStatus.Paid, await db.Set<DataSubjectRequest>().Where(r => r.Id == id).Select(r => r.FeeStatus).SingleAsync());
    }
}
