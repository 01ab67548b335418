using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Audit;

[Collection(AppCollection.Name)]
public sealed class AuditorBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_auditor_finds_every_access_to_a_subject_verifies_the_chain_exports_and_follows_a_chart_to_its_list()
    {
        using var keys = new TestFolder();
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?>
        {
            ["Audit:Checkpoints:KeyFile"] = Path.Combine(keys.Path, "checkpoint.pem"),
            ["Audit:Checkpoints:Directory"] = Path.Combine(keys.Path, "checkpoints"),
        });
        app.StartRealServer();
        var (officerId, _) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        var (_, auditorEmail) = await CreateStaffAsync(app, "陈思远", "chen.siyuan@portal.test", Roles.Auditor);
        var subject = await SeedAsync(app, officerId);
        var subjectId = SubjectDirectory.Id(subject);

        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, auditorEmail, "陈思远");

        // The dashboard: charts of what the portal holds, each leading to the list behind it.
        await Expect(page.Locator("[data-testid=chart-operations]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=chart-on-time] svg").First).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "80-dashboard-auditor-zh");

        // Who saw this person's data, when and why.
        await page.GotoAsync($"/audit/access?subject={subjectId}");
        var accessTable = page.Locator("[data-testid=access-subject-table]");
        await Expect(accessTable).ToContainTextAsync("核实来电人身份");
        await Expect(accessTable).ToContainTextAsync("周晓明");
        await Expect(accessTable.Locator("tbody tr")).ToHaveCountAsync(4);
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "81-audit-access-subject-zh");

        // The search, filtered to the subject; an event opens with the chain around it.
        await page.GotoAsync($"/audit?subject={subjectId}");
        await Expect(page.Locator("[data-testid=audit-count]")).ToContainTextAsync(Zh("Audit.Search.Count", 4));
        await WaitForInteractiveAsync(page);
        await ScreenshotAsync(page, "82-audit-search-zh");
        var firstRow = page.Locator("[data-testid=audit-grid] tbody tr").First;
        await UntilAsync("open an event", () => firstRow.ClickAsync(new() { Timeout = 5_000 }),
            () => page.Locator("[data-testid=event-chain-status]").IsVisibleAsync());
        await Expect(page.Locator("[data-testid=event-chain-status]")).ToContainTextAsync(Zh("Audit.Event.ChainIntact"));
        await ScreenshotAsync(page, "83-audit-event-zh");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("[data-testid=event-chain-status]")).ToBeHiddenAsync();

        // The export: a CSV of exactly these events, recorded in the trail with the file's hash.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Equal(5, csv.Trim().Split("\r\n").Length);
        Assert.Contains("核实来电人身份", csv);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var exported = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.Exported);
            Assert.Equal(64, AuditDetail.Text(exported.Detail, "sha256")!.Length);
        }

        // Bad input is named at its field, and nothing is searched.
        await page.Locator("input[data-testid=audit-from], [data-testid=audit-from] input").First.FillAsync("2026-13-45");
        await Expect(page.Locator("input[data-testid=audit-from], [data-testid=audit-from] input").First).ToHaveValueAsync("2026-13-45");
        await page.Locator("[data-testid=audit-search]").ClickAsync();
        await Expect(page.GetByText(Zh("Audit.Search.DateInvalid"))).ToBeVisibleAsync();
        await ScreenshotAsync(page, "84-audit-search-bad-date-zh");

        // The chain verified from the integrity page, then a tampered event found by sequence.
        await page.GotoAsync("/audit/integrity");
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=integrity-verify]").ClickAsync();
        await Expect(page.Locator("[data-testid=integrity-result]")).ToContainTextAsync(new Regex("哈希链完整"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "85-audit-integrity-zh");

        // What an outside auditor takes away (a checkpoint, the public key, the whole trail) checks out without the portal.
        async Task<string> DownloadAsync(string selector) =>
            await (await page.RunAndWaitForDownloadAsync(() => page.Locator(selector).ClickAsync())).PathAsync();
        var checkpoint = await DownloadAsync("[data-testid=checkpoint-sign]");
        var publicKey = await DownloadAsync("[data-testid=checkpoint-public-key]");
        var intact = await IndependentVerifier.RunAsync("--trail", await DownloadAsync("[data-testid=trail-download]"), "--checkpoint", checkpoint, "--public-key", publicKey);
        Assert.True(intact.Code == 0, intact.Output);

        long tampered;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            tampered = await db.AuditEvents.Where(e => e.SubjectId == subjectId).MinAsync(e => e.Sequence);
            var reason = """{"reason":"改写"}""";
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEvents SET Detail = {reason} WHERE Sequence = {tampered}");
        }
        await page.Locator("[data-testid=integrity-verify]").ClickAsync();
        await Expect(page.Locator("[data-testid=integrity-result]")).ToContainTextAsync(Zh("Audit.Integrity.Broken", tampered, Zh("Audit.Problem.Content")));
        await Expect(page.Locator("[data-testid=integrity-history] tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "86-audit-integrity-broken-zh");
        var broken = await IndependentVerifier.RunAsync("--trail", await DownloadAsync("[data-testid=trail-download]"), "--checkpoint", checkpoint, "--public-key", publicKey);
        Assert.Equal((1, $"BROKEN: event {tampered}: its content does not match its hash (a field was changed)"), broken);

        // From a chart to its list: this month's exports and erasures in the trail.
        await page.GotoAsync("/");
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=chart-operations-open]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/audit\\?action="));
        await Expect(page.Locator("[data-testid=audit-grid]")).ToContainTextAsync(Zh($"Audit.Action.{ConnectorActions.ExportStarted}"));

        // The same pages in English.
        await WaitForInteractiveAsync(page);
        await SwitchCultureAsync(page, "en");
        await page.GotoAsync($"/audit?subject={subjectId}");
        await Expect(page.Locator("[data-testid=audit-count]")).ToContainTextAsync(En("Audit.Search.Count", 4));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "87-audit-search-en");
        await page.GotoAsync("/audit/access?subject=" + subjectId);
        await Expect(page.Locator("[data-testid=access-subject-table]")).ToContainTextAsync("核实来电人身份");
        await ScreenshotAsync(page, "88-audit-access-subject-en");
        await page.GotoAsync("/audit/integrity");
        await Expect(page.Locator("[data-testid=integrity-history]")).ToContainTextAsync(En("Audit.Integrity.RunBroken"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "89-audit-integrity-en");
        await page.GotoAsync("/");
        await Expect(page.Locator("[data-testid=chart-operations]")).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "90-dashboard-auditor-en");
    }

    /// <summary>One person whose data an officer revealed three times and exported once; closed and open cases for the charts.</summary>
    internal static async Task<long> SeedAsync(PortalAppFactory app, string officerId)
    {
        var now = DateTime.UtcNow;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var person = new DataSubject { CreatedAtUtc = now.AddDays(-20) };
        db.Add(person);
        await db.SaveChangesAsync();
        var id = SubjectDirectory.Id(person.Id);
        DataSubjectRequest Request(RequestType type, double createdDaysAgo, double? closedDaysAgo, bool? onTime) => new()
        {
            SubjectId = person.Id, Type = type, Status = closedDaysAgo is null ? RequestStatus.InReview : RequestStatus.Closed, Channel = RequestChannel.Hotline400,
            Summary = "演示", IntakeId = Guid.NewGuid(), DueAtUtc = now.AddDays(10), CreatedAtUtc = now.AddDays(-createdDaysAgo), CreatedById = officerId, Version = 1,
            CaseNumber = $"~{Guid.NewGuid():N}"[..20], ClosedAtUtc = closedDaysAgo is null ? null : now.AddDays(-closedDaysAgo.Value), ClosedOnTime = onTime,
            Outcome = closedDaysAgo is null ? null : RequestOutcome.Fulfilled,
        };
        db.AddRange(Request(RequestType.Access, 2, null, null), Request(RequestType.Deletion, 40, 35, true), Request(RequestType.Access, 9, 1, false));
        db.Add(new SubjectOperation { SubjectId = person.Id, Kind = OperationKind.Export, Status = OperationStatus.Completed, Reason = "access", RequestedById = officerId, CreatedAtUtc = now });
        await db.SaveChangesAsync();

        var writer = app.Services.GetRequiredService<AuditChainWriter>();
        await writer.AppendAsync(
        [
            new AuditRecord(SubjectActions.Viewed, officerId, TargetType: "subject", TargetId: id, SubjectId: id, ClientIp: "10.20.0.7"),
            new AuditRecord(SubjectActions.Revealed, officerId, TargetType: "subject", TargetId: id, SubjectId: id, ClientIp: "10.20.0.7",
                Detail: """{"identifierId":1,"kind":"Phone","reason":"核实来电人身份"}"""),
            new AuditRecord(ConnectorActions.ExportStarted, officerId, TargetType: "subject", TargetId: id, SubjectId: id, ClientIp: "10.20.0.7",
                Detail: """{"reason":"访问请求 PR-2026-000001"}"""),
            new AuditRecord(AuditActions.AuthorizationDenied, "staff-x", AuditOutcome.Denied, ClientIp: "10.20.0.9", Detail: """{"path":"/staff"}"""),
            new AuditRecord(SubjectActions.Revealed, officerId, TargetType: "subject", TargetId: id, SubjectId: id, ClientIp: "10.20.0.7",
                Detail: """{"identifierId":2,"kind":"Email","reason":"核实来电人身份"}"""),
        ]);
        return person.Id;
    }
}
