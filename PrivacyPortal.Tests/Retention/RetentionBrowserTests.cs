using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Modules.Demo;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Retention;

[Collection(AppCollection.Name)]
public sealed class RetentionBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Field(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private static async Task PickAsync(IPage page, string testId, string text)
    {
        var select = page.Locator(".mud-dialog .mud-select", new() { Has = page.Locator($"[data-testid={testId}]") }).First;
        var option = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = text }).First;
        await UntilAsync($"open {testId}", () => select.ClickAsync(new() { Timeout = 5_000 }), () => option.IsVisibleAsync());
        await option.ClickAsync();
        await Expect(option).ToBeHiddenAsync();
    }

    private static long Count(string path, string sql)
    {
        using var connection = new SqliteConnection(DemoSystems.ConnectionString(path) + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_officer_defines_a_rule_on_the_usage_logs_dry_runs_activates_and_runs_it_and_a_held_persons_rows_stay()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (staffId, email) = await CreateStaffAsync(app, "周晓明", "zhou.xiaoming@portal.test", Roles.ComplianceOfficer);
        using var folder = new TestFolder();
        // The demo usage-log store, its history ending today: most logins are older than six months.
        var stores = DemoSystems.Generate(folder.Path, new DemoSystemsOptions { People = 40, LoginEvents = 3_000, PageViews = 200, Deliveries = 10, NowUtc = DateTime.UtcNow });
        var held = stores.People.First(p => p.InUsage && p.AccountId is not null);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        long heldRequestId;
        using (var scope = app.Services.CreateScope())
        {
            var secrets = scope.ServiceProvider.GetRequiredService<ConnectorSecrets>();
            await using var db = await contexts.CreateDbContextAsync();
            var categories = await db.Set<DataCategory>().Where(c => c.Key != DataCategories.Delivery && c.Key != DataCategories.AccountIdentity).ToListAsync();
            db.Add(new DataSystem
            {
                Name = InventoryDemoData.UsageName, OwnerTeam = "平台运维部", OwnerEmail = "ops-owner@example.com", Purpose = "登录与浏览日志",
                ConnectorKind = ConnectorKind.Database, DatabaseProvider = DatabaseProviders.Sqlite, SecretProtected = secrets.Protect(DemoSystems.ConnectionString(stores.UsagePath)),
                MappingJson = DemoSystems.UsageMapping().ToJson(), Categories = categories, CreatedAtUtc = DateTime.UtcNow,
            });
            // The account store: a closed account keeps its row with the closing time until "account open + N" ends.
            db.Add(new DataSystem
            {
                Name = InventoryDemoData.CrmName, OwnerTeam = "客户服务部", OwnerEmail = "crm-owner@example.com", Purpose = "客户账户与联系人",
                ConnectorKind = ConnectorKind.Database, DatabaseProvider = DatabaseProviders.Sqlite, SecretProtected = secrets.Protect(DemoSystems.ConnectionString(stores.CrmPath)),
                MappingJson = DemoSystems.CrmMapping().ToJson(), Categories = await db.Set<DataCategory>().Where(c => c.Key == DataCategories.AccountIdentity || c.Key == DataCategories.Contact).ToListAsync(),
                CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            var (_, subjectId) = await scope.ServiceProvider.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, held.Phone), new(IdentifierKind.AccountId, held.AccountId!)]);
            var (holdErrors, _) = await scope.ServiceProvider.GetRequiredService<LegalHoldService>().PlaceAsync(new LegalHoldInput(LegalHoldScope.Subjects, LegalHoldReason.CourtOrder,
                "（2026）京0105民初12345号 证据保全裁定", null, null, [DataSubject.FormatReference(subjectId!.Value)], staffId, DateTime.UtcNow.AddDays(60)));
            Assert.True(holdErrors.IsValid, string.Join(", ", holdErrors));
            // The held person calls to have their data deleted; the case is verified and waits for a decision.
            var phoneId = await db.Set<SubjectIdentifier>().Where(i => i.SubjectId == subjectId && i.Kind == IdentifierKind.Phone).Select(i => i.Id).SingleAsync();
            var intake = await scope.ServiceProvider.GetRequiredService<RequestService>().TakeAsync(new IntakeInput
            {
                SubjectId = subjectId, Types = [RequestType.Deletion], Summary = "来电要求删除全部个人信息", AcknowledgeToIdentifierId = phoneId,
            });
            heldRequestId = Assert.Single(intake.Created).Id;
            await db.Set<DataSubjectRequest>().Where(r => r.Id == heldRequestId).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RequestStatus.InReview).SetProperty(r => r.VerificationMethod, VerificationMethod.DocumentCheck)
                .SetProperty(r => r.VerificationResult, VerificationResult.Passed));
        }
        var heldBefore = Count(stores.UsagePath, $"SELECT COUNT(*) FROM login_events WHERE account_id = '{held.AccountId}'");
        var totalBefore = Count(stores.UsagePath, "SELECT COUNT(*) FROM login_events");

        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "周晓明");
        await Expect(page.Locator("[data-testid=nav-retention]")).ToBeVisibleAsync();
        await page.GotoAsync("/retention");
        await Expect(Heading(page, Zh("Retention.Title"))).ToBeVisibleAsync();
        await WaitForInteractiveAsync(page);

        // A rule shorter than the legal minimum for network logs is refused at the field.
        var dialog = page.Locator(".mud-dialog");
        await UntilAsync("open the rule dialog", () => page.Locator("[data-testid=rule-new]").ClickAsync(new() { Timeout = 5_000 }),
            () => dialog.Locator("[data-testid=rule-save]").IsVisibleAsync());
        await PickAsync(page, "rule-table-select", $"{InventoryDemoData.UsageName} · login_events");
        await Expect(dialog.GetByText(Zh("Retention.Rule.MinimumHint", 6, LegalMinimums.NetworkLogSource))).ToBeVisibleAsync();
        await Field(page, "rule-period").FillAsync("3");
        await Expect(Field(page, "rule-period")).ToHaveValueAsync("3");
        await PickAsync(page, "rule-basis", Zh("Retention.Basis.Law"));
        await Field(page, "rule-basis-note").FillAsync("网络安全法 第二十三条第三项");
        await Expect(Field(page, "rule-basis-note")).ToHaveValueAsync("网络安全法 第二十三条第三项");
        await dialog.Locator("[data-testid=rule-save]").ClickAsync();
        await Expect(dialog.GetByText(Zh("Retention.Rule.BelowMinimum"))).ToBeVisibleAsync();
        await ScreenshotAsync(page, "70-retention-rule-below-minimum-zh");
        await Field(page, "rule-period").FillAsync("6");
        await Expect(Field(page, "rule-period")).ToHaveValueAsync("6");
        await dialog.Locator("[data-testid=rule-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        var row = page.Locator("[data-testid=rule-row]", new() { HasText = "login_events" });
        await Expect(row.Locator("[data-testid=rule-status]")).ToHaveTextAsync(Zh("Retention.RuleStatus.Draft"));
        await row.Locator("[data-testid=rule-dry-run-button]").ClickAsync();
        await Expect(row.Locator("[data-testid=rule-dry-run]")).ToContainTextAsync(Zh("Retention.DryRun.OldestKept", "").Trim('：', ' '));
        Assert.Equal(totalBefore, Count(stores.UsagePath, "SELECT COUNT(*) FROM login_events"));
        await row.Locator("[data-testid=rule-activate]").ClickAsync();
        await Expect(row.Locator("[data-testid=rule-status]")).ToHaveTextAsync(Zh("Retention.RuleStatus.Active"));
        await row.Locator("[data-testid=rule-run]").ClickAsync();
        var run = page.Locator("[data-testid=run-grid] tbody tr").First;
        await Expect(run.Locator("[data-testid=run-status]")).ToHaveTextAsync(Zh("Retention.RunStatus.Completed"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "71-retention-rules-zh");

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var recorded = await db.Set<PurgeRun>().SingleAsync();
            Assert.True(recorded.RowsDeleted > 0);
            Assert.Equal(heldBefore - Count(stores.UsagePath, $"SELECT COUNT(*) FROM login_events WHERE account_id = '{held.AccountId}' AND accessed_at >= '{recorded.CutoffUtc:yyyy-MM-dd HH:mm:ss}'"), recorded.HeldRows);
            Assert.Equal(totalBefore - recorded.RowsDeleted, Count(stores.UsagePath, "SELECT COUNT(*) FROM login_events"));
            await Expect(run.Locator("[data-testid=run-rows]")).ToHaveTextAsync(recorded.RowsDeleted.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        }
        // The held person's rows are all still there, expired or not.
        Assert.Equal(heldBefore, Count(stores.UsagePath, $"SELECT COUNT(*) FROM login_events WHERE account_id = '{held.AccountId}'"));
        Assert.Equal(0, Count(stores.UsagePath, $"SELECT COUNT(*) FROM login_events WHERE account_id <> '{held.AccountId}' AND accessed_at < '{DateTime.UtcNow.AddMonths(-6).AddDays(-1):yyyy-MM-dd}'"));

        // Customer records are kept while the account is open, then 30 days after it closes (the contract's term).
        await UntilAsync("open the rule dialog", () => page.Locator("[data-testid=rule-new]").ClickAsync(new() { Timeout = 5_000 }),
            () => dialog.Locator("[data-testid=rule-save]").IsVisibleAsync());
        await PickAsync(page, "rule-table-select", $"{InventoryDemoData.CrmName} · customers");
        var accountOpen = dialog.Locator("[data-testid=rule-anchor]").GetByText(Zh("Retention.Anchor.AccountClosed"));
        await accountOpen.ClickAsync();
        await Expect(dialog.Locator("[data-testid=rule-anchor] input[type=radio]").Nth(1)).ToBeCheckedAsync();
        await Field(page, "rule-period").FillAsync("30");
        await Expect(Field(page, "rule-period")).ToHaveValueAsync("30");
        await PickAsync(page, "rule-unit", Zh("Retention.Unit.Days"));
        await PickAsync(page, "rule-basis", Zh("Retention.Basis.Contract"));
        await Field(page, "rule-basis-note").FillAsync("云通信服务协议 第 12.3 条");
        await Expect(Field(page, "rule-basis-note")).ToHaveValueAsync("云通信服务协议 第 12.3 条");
        await ScreenshotAsync(page, "70b-retention-rule-account-open-zh");
        await dialog.Locator("[data-testid=rule-save]").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var crmRow = page.Locator("[data-testid=rule-row]", new() { HasText = "customers" });
        await Expect(crmRow).ToContainTextAsync(Zh("Retention.Anchor.AccountClosed.Period", Zh("Retention.Unit.Days.Count", 30)));
        await crmRow.Locator("[data-testid=rule-dry-run-button]").ClickAsync();
        var closedLongEnough = Count(stores.CrmPath, $"SELECT COUNT(*) FROM customers WHERE closed_at < '{DateTime.UtcNow.AddDays(-30):yyyy-MM-dd HH:mm:ss}'");
        await Expect(crmRow.Locator("[data-testid=rule-dry-run]")).ToContainTextAsync(Zh("Retention.DryRun.Line", closedLongEnough.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), "0"));
        await Expect(crmRow.Locator("[data-testid=rule-dry-run]")).ToContainTextAsync(Zh("Retention.DryRun.OldestClosureKept", "").Trim('：', ' '));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "71b-retention-rules-account-open-zh");

        // The held person's deletion request shows the hold before anyone decides, and the answer explains it.
        await page.GotoAsync($"/requests/{heldRequestId}");
        await Expect(page.Locator("[data-testid=case-hold]")).ToContainTextAsync("LH-000001");
        await Expect(page.Locator("[data-testid=case-hold]")).ToContainTextAsync("（2026）京0105民初12345号");
        await WaitForInteractiveAsync(page);
        await SwitchCultureAsync(page, "en");
        await Expect(page.Locator("[data-testid=case-holds]")).ToContainTextAsync(En("Requests.Hold.Banner"));
        await Expect(page.Locator("[data-testid=case-hold]")).ToContainTextAsync(En("Retention.HoldReason.CourtOrder"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "71d-request-under-hold-en");
        await SwitchCultureAsync(page, "zh-CN");
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=decision-Refuse]").ClickAsync();
        await page.Locator("[data-testid=decision-explain-hold]").ClickAsync();
        var explanation = Zh("Requests.Hold.Explanation", Zh("Retention.HoldReason.CourtOrder"), "LH-000001");
        await Expect(page.Locator("textarea[data-testid=decision-explanation], [data-testid=decision-explanation] textarea").First).ToHaveValueAsync(explanation);
        await Expect(page.Locator("input[data-testid=reason-CourtOrder], [data-testid=reason-CourtOrder] input").First).ToBeCheckedAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "71c-request-under-hold-zh");
        await page.Locator("[data-testid=decision-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=case-outcome]")).ToHaveTextAsync(Zh("Requests.Outcome.Refused"));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var caseNumber = await db.Set<DataSubjectRequest>().Where(r => r.Id == heldRequestId).Select(r => r.CaseNumber).SingleAsync();
            var answers = await db.Set<PrivacyPortal.Modules.Foundation.Notifications.OutboxMessage>().Where(m => m.Body.Contains(caseNumber)).Select(m => m.Body).ToListAsync();
            Assert.Contains(answers, body => body.Contains(explanation, StringComparison.Ordinal));
        }

        await page.GotoAsync("/retention/holds");
        await Expect(page.Locator("[data-testid=hold-row]")).ToContainTextAsync("（2026）京0105民初12345号");
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "72-legal-holds-zh");

        await page.GotoAsync("/backups");
        await Expect(Heading(page, Zh("Backups.Title"))).ToBeVisibleAsync();
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "73-backups-zh");

        await page.GotoAsync("/retention");
        await WaitForInteractiveAsync(page);
        await SwitchCultureAsync(page, "en");
        await Expect(Heading(page, En("Retention.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=run-grid]")).ToContainTextAsync(En("Retention.RunStatus.Completed"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "74-retention-rules-en");
    }
}
