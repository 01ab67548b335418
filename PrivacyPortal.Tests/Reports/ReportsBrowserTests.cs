using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Oversight.Reports;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Audit;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Reports;

[Collection(AppCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_follows_a_dashboard_chart_to_the_filtered_queue_and_downloads_the_compliance_report()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (officerId, officerEmail) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        await AuditorBrowserTests.SeedAsync(app, officerId);
        await SeedOperationsAsync(app);

        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, officerEmail, "周晓明");

        // The dashboard with the incident, purge and backup charts.
        await Expect(page.Locator("[data-testid=chart-incidents] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=chart-purges] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=chart-backup-follow-ups] svg").First).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "91-dashboard-officer-zh");

        // The clock chart opens the queue filtered to overdue cases; a changed filter is kept in the address.
        await page.Locator("[data-testid=chart-clock-health-open]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/requests\\?due=overdue$"));
        await Expect(page.Locator("[data-testid=queue-overdue]")).ToHaveClassAsync(new Regex("selected"));
        await WaitForInteractiveAsync(page);
        await UntilAsync("add the due-soon filter", () => page.Locator("[data-testid=queue-due-soon]").ClickAsync(new() { Timeout = 5_000 }),
            async () => page.Url.Contains("due=due-soon,overdue", StringComparison.Ordinal));
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=queue-due-soon]")).ToHaveClassAsync(new Regex("selected"));

        // The compliance report: a reversed period is refused at the field, a good one shows its figures and downloads.
        await page.GotoAsync("/reports");
        await WaitForInteractiveAsync(page);
        var from = page.Locator("input[data-testid=report-from], [data-testid=report-from] input").First;
        var to = page.Locator("input[data-testid=report-to], [data-testid=report-to] input").First;
        await from.FillAsync("2099-01-01");
        await from.PressAsync("Tab");
        await Expect(from).ToHaveValueAsync("2099-01-01");
        await page.Locator("[data-testid=report-show]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-period]")).ToContainTextAsync(Zh("Reports.Error.Reversed"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "92-reports-reversed-zh");

        var today = DateTime.UtcNow.AddHours(8);
        await from.FillAsync(today.AddDays(-60).ToString("yyyy-MM-dd"));
        await from.PressAsync("Tab");
        await to.FillAsync(today.ToString("yyyy-MM-dd"));
        await to.PressAsync("Tab");
        await Expect(to).ToHaveValueAsync(today.ToString("yyyy-MM-dd"));
        await page.Locator("[data-testid=report-show]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-rows-deleted]")).ToHaveTextAsync("1234");
        await Expect(page.Locator("[data-testid=report-incidents]")).ToHaveTextAsync("1");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "93-reports-zh");

        var href = await page.Locator("[data-testid=report-download]").GetAttributeAsync("href");
        var response = await page.Context.APIRequest.GetAsync(new Uri(new Uri(app.ServerAddress), href).ToString());
        Assert.Equal(200, response.Status);
        using (var zip = new ZipArchive(new MemoryStream(await response.BodyAsync())))
        {
            using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
            Assert.Contains("共删除 1234 行", await reader.ReadToEndAsync());
        }
        var bad = await page.Context.APIRequest.GetAsync(new Uri(new Uri(app.ServerAddress), "reports/compliance.docx?from=2026-10-31&to=2026-10-01").ToString());
        Assert.Equal(400, bad.Status);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == ReportActions.ComplianceDownloaded));
        }

        // The same in English.
        await SwitchCultureAsync(page, "en");
        await page.Locator("[data-testid=report-show]").ClickAsync();
        await Expect(page.Locator("[data-testid=report-figures]")).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "94-reports-en");
        await page.GotoAsync("/");
        await Expect(page.Locator("[data-testid=chart-incidents] svg").First).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "95-dashboard-officer-en");
    }

    private static async Task SeedOperationsAsync(PortalAppFactory app)
    {
        var now = DateTime.UtcNow;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var system = new DataSystem { Name = "会员中心（演示）", OwnerTeam = "平台部", OwnerEmail = "owner@example.com", Purpose = "演示", ConnectorKind = ConnectorKind.Manual, ManualChecklist = "x" };
        db.Add(system);
        var incident = new BreachIncident
        {
            Reference = "BR-2026-0901", Title = "演示事件", WhatHappened = "演示", DiscoveredAtUtc = now.AddDays(-5), DiscoveredBy = "安全运营", Grade = BreachGrade.Larger,
            CreatedAtUtc = now.AddDays(-5), CreatedBy = "officer",
        };
        db.Add(incident);
        await db.SaveChangesAsync();
        db.Add(new BreachReport { IncidentId = incident.Id, Kind = BreachReportKind.Initial, CreatedAtUtc = now.AddDays(-5), CreatedBy = "officer", SubmittedAtUtc = now.AddDays(-5).AddHours(2) });
        var rule = new RetentionRule { SystemId = system.Id, Table = "logins", Period = 6, Basis = RetentionBasis.Law, BasisNote = "网络安全法 第二十一条", CreatedAtUtc = now.AddDays(-30) };
        db.Add(rule);
        await db.SaveChangesAsync();
        db.Add(new PurgeRun { RuleId = rule.Id, Status = PurgeRunStatus.Completed, CutoffUtc = now.AddMonths(-6), RowsDeleted = 1234, StartedAtUtc = now.AddDays(-3), FinishedAtUtc = now.AddDays(-3).AddMinutes(2) });
        var ledger = new PrivacyPortal.Modules.Cases.Requests.ErasureLedgerEntry { RequestId = 990_001, OperationId = 1, ErasedAtUtc = now.AddDays(-20) };
        db.Add(ledger);
        await db.SaveChangesAsync();
        db.AddRange(
            new PrivacyPortal.Modules.Cases.Backups.BackupDeletionFollowUp { LedgerEntryId = ledger.Id, SystemId = system.Id, ExpectedByUtc = now.AddDays(10) },
            new PrivacyPortal.Modules.Cases.Backups.BackupDeletionFollowUp { LedgerEntryId = ledger.Id, SystemId = system.Id, BackupSetId = null, ExpectedByUtc = now.AddDays(-2), ClosedAtUtc = null });
        await db.SaveChangesAsync();
    }
}
