using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Browser;
using PrivacyPortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PrivacyPortal.Tests.Browser.PortalBrowser;
using static PrivacyPortal.Tests.Browser.UiText;

namespace PrivacyPortal.Tests.Connectors;

[Collection(AppCollection.Name)]
public sealed class ManualTasksBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_compliance_officer_works_through_an_owner_task_checklist_and_records_completion()
    {
        await using var app = new PortalAppFactory();
        app.StartRealServer();
        var (staffId, email) = await CreateStaffAsync(app, "孙丽娜", "sun.lina@portal.test", Roles.ComplianceOfficer);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = DateTime.UtcNow;
        var erase = await ManualConnectorTests.SeedAsync(contexts, now, OperationKind.Erase, "呼叫中心录音归档", "PR-2026-000321");
        var export = await ManualConnectorTests.SeedAsync(contexts, now, OperationKind.Export, "线下合同档案柜", "PR-2026-000322",
            "从档案柜调取该用户的纸质合同\n扫描为 PDF 并上传至工单\n归还原件并登记\n在工单中注明页数");
        long eraseTask, exportTask;
        using (var scope = app.Services.CreateScope())
        {
            var manual = scope.ServiceProvider.GetRequiredService<ManualConnector>();
            eraseTask = (await manual.EraseAsync(erase.Target, erase.Subject, erase.Step, default)).TaskId!.Value;
            exportTask = (await manual.ExportAsync(export.Target, export.Subject, null!, export.Step, default)).TaskId!.Value;
        }

        await using var session = await browser.OpenAsync(app.ServerAddress);
        var page = session.Page;
        await SignInAsync(page, email, "孙丽娜");
        await page.GotoAsync("/connectors/tasks");
        await Expect(Heading(page, Zh("Connectors.Tasks.Title"))).ToBeVisibleAsync();
        var grid = page.Locator("[data-testid=task-grid]");
        await Expect(grid).ToContainTextAsync("呼叫中心录音归档");
        await Expect(grid).ToContainTextAsync("线下合同档案柜");
        await Expect(grid).ToContainTextAsync(Zh("Connectors.Tasks.ItemsMore", 1));
        await Expect(page.Locator($"[data-testid=task-status-{eraseTask}]")).ToHaveTextAsync(Zh("Connectors.TaskStatus.Open"));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "60-connector-tasks-zh");

        // The checklist must be worked through before the task can be marked done.
        await WaitForInteractiveAsync(page);
        var dialog = page.Locator(".mud-dialog");
        await UntilAsync("open the completion dialog", () => page.Locator($"[data-testid=task-complete-{eraseTask}]").ClickAsync(new() { Timeout = 5_000 }),
            () => dialog.Locator("[data-testid=task-done]").IsVisibleAsync());
        var done = dialog.Locator("[data-testid=task-done]");
        await Expect(done).ToBeDisabledAsync();
        await dialog.Locator("[data-testid=task-check-0]").ClickAsync();
        await dialog.Locator("[data-testid=task-check-1]").ClickAsync();
        await Expect(done).ToBeDisabledAsync();
        await dialog.Locator("[data-testid=task-check-2]").ClickAsync();
        await Expect(done).ToBeEnabledAsync();

        // Done without an evidence note is refused at the field.
        await done.ClickAsync();
        await Expect(dialog.GetByText(Zh("Validation.Required"))).ToBeVisibleAsync();
        await dialog.Locator("textarea[data-testid=task-evidence], [data-testid=task-evidence] textarea").First.FillAsync("已按工单 OPS-2026-1187 删除录音及索引，删除截图见工单附件。");
        await dialog.Locator("input[data-testid=task-rows], [data-testid=task-rows] input").First.FillAsync("12");
        await ScreenshotAsync(page, "61-connector-task-complete-zh");
        await done.ClickAsync();

        await Expect(page.Locator($"[data-testid=task-status-{eraseTask}]")).ToHaveTextAsync(Zh("Connectors.TaskStatus.Done"));
        await Expect(page.Locator($"[data-testid=task-result-{eraseTask}]")).ToContainTextAsync("OPS-2026-1187");
        await Expect(page.Locator($"[data-testid=task-result-{eraseTask}]")).ToContainTextAsync(Zh("Connectors.Tasks.RowsCount", 12));
        await ExpectCleanPageAsync(page);
        await ScreenshotAsync(page, "62-connector-tasks-done-zh");

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var task = await db.Set<ConnectorTask>().SingleAsync(t => t.Id == eraseTask);
            Assert.Equal((ConnectorTaskStatus.Done, staffId, (long?)12), (task.Status, task.CompletedById, task.Rows));
            var step = await db.Set<SubjectOperationStep>().SingleAsync(s => s.Id == erase.Step.StepId);
            Assert.Equal((StepStatus.Done, 12L), (step.Status, step.Rows));
            Assert.Equal(ConnectorTaskStatus.Open, (await db.Set<ConnectorTask>().SingleAsync(t => t.Id == exportTask)).Status);
        }

        // The same page in English.
        await SwitchCultureAsync(page, "en");
        await page.GotoAsync("/connectors/tasks");
        await Expect(Heading(page, En("Connectors.Tasks.Title"))).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=task-status-{eraseTask}]")).ToHaveTextAsync(En("Connectors.TaskStatus.Done"));
        await ExpectCleanPageAsync(page, "en");
        await ScreenshotAsync(page, "63-connector-tasks-en");
        await WaitForInteractiveAsync(page);
        await UntilAsync("open the completion dialog", () => page.Locator($"[data-testid=task-complete-{exportTask}]").ClickAsync(new() { Timeout = 5_000 }),
            () => dialog.Locator("[data-testid=task-done]").IsVisibleAsync());
        await Expect(dialog).ToContainTextAsync(En("Connectors.Tasks.CheckAll"));
        await ScreenshotAsync(page, "64-connector-task-complete-en");
    }
}
