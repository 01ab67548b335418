using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Requests;

[Collection(AppCollection.Name)]
public sealed class QueueBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_compliance_officer_filters_the_queue_assigns_cases_to_herself_and_closes_a_duplicate()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (officerId, email) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await CreateStaffAsync(app, "李娜", "li.na@portal.test", Roles.ComplianceOfficer);
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = DateTime.UtcNow;
        var cases = new List<DataSubjectRequest>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var subjects = Enumerable.Range(0, 4).Select(_ => new DataSubject { CreatedAtUtc = now }).ToList();
            db.AddRange(subjects);
            await db.SaveChangesAsync();
            (RequestType Type, RequestStatus Status, RequestChannel Channel, double DueHours)[] seed =
            [
                (RequestType.Deletion, RequestStatus.InReview, RequestChannel.Hotline400, -30),
                (RequestType.Access, RequestStatus.AwaitingVerification, RequestChannel.OnlineChat, 20),
                // The same person as the first: called again about the same deletion.
            (RequestType.Deletion, RequestStatus.InReview, RequestChannel.Hotline400, 150),
                (RequestType.AccountCancellation, RequestStatus.Fulfilling, RequestChannel.WebForm, 300),
                (RequestType.Correction, RequestStatus.Closed, RequestChannel.Email, -200),
            ];
            foreach (var (s, i) in seed.Select((s, i) => (s, i)))
            {
                var created = now.AddDays(-5 + i * 0.1);
                var request = new DataSubjectRequest
                {
                    SubjectId = subjects[i == 2 ? 0 : Math.Min(i, 3)].Id, Type = s.Type, Status = s.Status, Channel = s.Channel, Summary = "测试", IntakeId = Guid.NewGuid(),
                    DueAtUtc = now.AddHours(s.DueHours), CreatedAtUtc = created, CreatedById = officerId, Version = 1, CaseNumber = $"~{Guid.NewGuid():N}"[..20],
                    Outcome = s.Status == RequestStatus.Closed ? RequestOutcome.Fulfilled : null, ClosedAtUtc = s.Status == RequestStatus.Closed ? now.AddHours(-210) : null,
                    DeadlineUncertain = i == 3,
                };
                db.Add(request);
                await db.SaveChangesAsync();
                request.CaseNumber = DataSubjectRequest.FormatCaseNumber(request.Id, created);
                await db.SaveChangesAsync();
                cases.Add(request);
            }
        }

        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "周晓明");
        await page.GotoAsync("/requests");
        await Expect(Heading(page, Zh("Requests.Queue.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);

        // Open cases only, the overdue one first; the closed one is not in the queue.
        var rows = page.Locator("[data-testid=queue-grid] tbody tr");
        await Expect(rows.Locator("[data-testid=queue-case]")).ToHaveTextAsync(cases.Take(4).Select(c => c.CaseNumber).ToArray());
        await Expect(rows.First).ToContainTextAsync(Zh("Requests.Type.Deletion"));
        await Expect(rows.First.Locator("[data-testid=queue-subject]")).ToHaveTextAsync(DataSubject.FormatReference(cases[0].SubjectId));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "60-request-queue-zh");

        // The overdue chip narrows the queue to the one overdue case.
        await page.Locator("[data-testid=queue-overdue]").ClickAsync();
        await Expect(rows.Locator("[data-testid=queue-case]")).ToHaveTextAsync([cases[0].CaseNumber]);
        await page.Locator("[data-testid=queue-overdue]").ClickAsync();
        await Expect(rows.Locator("[data-testid=queue-case]")).ToHaveCountAsync(4);

        // Select the first two rows and take them.
        await rows.Nth(0).Locator("input[type=checkbox]").CheckAsync();
        await rows.Nth(1).Locator("input[type=checkbox]").CheckAsync();
        await Expect(page.Locator("[data-testid=queue-selected]")).ToHaveTextAsync(Zh("Requests.Queue.Selected", 2));
        await ScreenshotAsync(page, "61-request-queue-selected-zh");
        await page.Locator("[data-testid=queue-assign]").ClickAsync();
        await page.Locator($"[data-testid=queue-assign-{officerId}]").ClickAsync();
        await Expect(page.GetByText(Zh("Requests.Queue.Assigned", 2, "周晓明"))).ToBeVisibleAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("周晓明");
        await Expect(page.Locator("[data-testid=queue-bulk]")).ToHaveCountAsync(0);

        // "Assigned to me" shows exactly those two.
        await page.Locator("[data-testid=queue-assignee]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = Zh("Requests.Queue.Mine") }).ClickAsync();
        await Expect(rows.Locator("[data-testid=queue-case]")).ToHaveTextAsync([cases[0].CaseNumber, cases[1].CaseNumber]);

        // The third case duplicates the first: closed against it, and gone from the open queue.
        await page.Locator("[data-testid=queue-assignee]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = Zh("Requests.Queue.Any") }).ClickAsync();
        await Expect(rows.Locator("[data-testid=queue-case]")).ToHaveCountAsync(4);
        await rows.Nth(2).Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("input[data-testid=queue-duplicate-of], [data-testid=queue-duplicate-of] input").First.FillAsync(cases[2].CaseNumber);
        await page.Locator("[data-testid=queue-mark-duplicate]").ClickAsync();
        await page.Locator(".mud-message-box .mud-button", new() { HasText = Zh("Common.Yes") }).ClickAsync();
        await Expect(page.GetByText(Zh("Requests.Queue.DuplicateTargetSelected"))).ToBeVisibleAsync();
        await page.Locator("input[data-testid=queue-duplicate-of], [data-testid=queue-duplicate-of] input").First.FillAsync(cases[0].CaseNumber);
        await page.Locator("[data-testid=queue-mark-duplicate]").ClickAsync();
        await page.Locator(".mud-message-box .mud-button", new() { HasText = Zh("Common.Yes") }).ClickAsync();
        await Expect(page.GetByText(Zh("Requests.Queue.MarkedDuplicate", 1))).ToBeVisibleAsync();
        await Expect(rows.Locator("[data-testid=queue-case]")).ToHaveTextAsync([cases[0].CaseNumber, cases[1].CaseNumber, cases[3].CaseNumber]);

        await using (var db = await factory.CreateDbContextAsync())
        {
            var stored = await db.Set<DataSubjectRequest>().AsNoTracking().Where(r => cases.Select(c => c.Id).Contains(r.Id)).OrderBy(r => r.Id).ToListAsync();
            Assert.Equal([officerId, officerId, null, null, null], stored.Select(r => r.AssigneeId));
            Assert.Equal(RequestOutcome.Duplicate, stored[2].Outcome);
            Assert.Equal(cases[0].Id, stored[2].DuplicateOfId);
        }

        // The same queue in English; a row click opens the case.
        await SwitchCultureAsync(page, "en");
        await page.GotoAsync("/requests");
        await Expect(Heading(page, En("Requests.Queue.Title"))).ToBeVisibleAsync();
        await Expect(rows.Locator("[data-testid=queue-case]")).ToHaveCountAsync(3);
        await Expect(rows.Nth(2)).ToContainTextAsync(En("Requests.Type.AccountCancellation"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "62-request-queue-en");
        await WaitForInteractiveAsync(page);
        // The case page opens in the same circuit (no page load event); a click lost to a re-render is repeated.
        await UntilAsync("open the case from the queue",
            () => rows.Nth(1).Locator("[data-testid=queue-case]").ClickAsync(new() { Timeout = 5_000 }),
            () => Task.FromResult(page.Url.EndsWith($"/requests/{cases[1].Id}", StringComparison.Ordinal)));
        await Expect(page.Locator("[data-testid=case-status]")).ToBeVisibleAsync();
    }
}
