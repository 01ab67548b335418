using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Connectors;

public sealed class ManualConnectorTests : IAsyncLifetime
{
    private const string OwnerId = "owner-staff-1";
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private ManualConnector Connector => harness.Get<ManualConnector>();

    /// <summary>A manual system, a person and an operation with one pending step on that system.</summary>
    internal static async Task<(ConnectorTarget Target, SubjectKeys Subject, OperationStepRef Step)> SeedAsync(IDbContextFactory<PortalDbContext> database, DateTime now,
        OperationKind kind = OperationKind.Erase, string systemName = "呼叫中心录音归档", string reason = "PR-2026-000321", string? checklist = null)
    {
        await using var db = await database.CreateDbContextAsync();
        var system = new DataSystem
        {
            Name = systemName,
            OwnerTeam = "呼叫中心运维组",
            OwnerEmail = "cc-ops@example.com",
            ConnectorKind = ConnectorKind.Manual,
            ManualChecklist = checklist ?? "在录音归档系统中按手机号检索该用户的全部录音\n\n  删除检索到的录音文件及索引  \n在工单中记录删除条数",
            CreatedAtUtc = now,
        };
        var subject = new DataSubject { CreatedAtUtc = now };
        db.AddRange(system, subject);
        await db.SaveChangesAsync();
        var operation = new SubjectOperation
        {
            SubjectId = subject.Id,
            Kind = kind,
            Status = OperationStatus.Running,
            Reason = reason,
            RequestedById = "officer-1",
            CreatedAtUtc = now,
            Steps = [new SubjectOperationStep { SystemId = system.Id, Status = StepStatus.Pending }],
        };
        db.Add(operation);
        await db.SaveChangesAsync();
        var target = new ConnectorTarget(system.Id, system.Name, ConnectorKind.Manual, [DataCategories.Contact], ManualChecklist: system.ManualChecklist);
        return (target, new SubjectKeys(subject.Id, [new SubjectKey(IdentifierKind.Phone, "13800000000")]), new OperationStepRef(operation.Id, operation.Steps[0].Id, kind, reason));
    }

    private Task<(ConnectorTarget Target, SubjectKeys Subject, OperationStepRef Step)> SeedAsync(OperationKind kind = OperationKind.Erase) =>
        SeedAsync(harness.Database, harness.Clock.GetUtcNow().UtcDateTime, kind);

    /// <summary>The task service in a scope whose signed-in user is <paramref name="staffId"/>, as in a circuit.</summary>
    private ConnectorTaskService TasksAs(string staffId = OwnerId)
    {
        var scope = harness.Get<IServiceScopeFactory>().CreateScope();
        var authentication = (ServerAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, staffId)], "test")))));
        return scope.ServiceProvider.GetRequiredService<ConnectorTaskService>();
    }

    private async Task<(List<ConnectorTask> Tasks, SubjectOperationStep Step, int Created, int Completed)> StateAsync(long stepId)
    {
        await using var db = harness.Database.CreateDbContext();
        return (await db.Set<ConnectorTask>().AsNoTracking().ToListAsync(),
            await db.Set<SubjectOperationStep>().AsNoTracking().SingleAsync(s => s.Id == stepId),
            await db.AuditEvents.CountAsync(e => e.Action == ConnectorTaskActions.Created),
            await db.AuditEvents.CountAsync(e => e.Action == ConnectorTaskActions.Completed));
    }

    [Fact]
    public async Task Both_kinds_are_registered_as_connectors()
    {
        var kinds = harness.Get<IEnumerable<IConnector>>().Select(c => c.Kind).ToList();

        Assert.Contains(ConnectorKind.Http, kinds);
        Assert.Contains(ConnectorKind.Manual, kinds);
    }

    [Fact]
    public async Task Find_waits_on_the_owner_with_no_counts_and_no_error()
    {
        var (target, subject, _) = await SeedAsync();

        var found = await Connector.FindAsync(target, subject, default);

        Assert.Equal((StepStatus.Waiting, 0, (string?)null), (found.Status, found.CountsByCategory.Count, found.Error));
    }

    [Fact]
    public async Task An_erase_step_asked_twice_makes_exactly_one_task_with_the_systems_checklist()
    {
        var (target, subject, step) = await SeedAsync();

        var first = await Connector.EraseAsync(target, subject, step, default);
        var second = await Connector.EraseAsync(target, subject, step, default);

        Assert.Equal(StepStatus.Waiting, first.Status);
        Assert.NotNull(first.TaskId);
        Assert.Equal(first, second);
        var (tasks, _, created, _) = await StateAsync(step.StepId);
        var task = Assert.Single(tasks);
        Assert.Equal((first.TaskId, ConnectorTaskKind.Erase, ConnectorTaskStatus.Open, subject.SubjectId, target.SystemId, (long?)step.StepId),
            ((long?)task.Id, task.Kind, task.Status, task.SubjectId, task.SystemId, task.OperationStepId));
        Assert.Equal("在录音归档系统中按手机号检索该用户的全部录音\n删除检索到的录音文件及索引\n在工单中记录删除条数", task.Checklist);
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task Concurrent_runs_of_the_same_export_step_still_make_one_task()
    {
        var (target, subject, step) = await SeedAsync(OperationKind.Export);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Connector.ExportAsync(target, subject, null!, step, default))));

        Assert.Single(outcomes.Select(o => o.TaskId).Distinct());
        Assert.All(outcomes, o => Assert.Equal(StepStatus.Waiting, o.Status));
        var task = Assert.Single((await StateAsync(step.StepId)).Tasks);
        Assert.Equal(ConnectorTaskKind.Export, task.Kind);
    }

    [Fact]
    public async Task Completing_with_evidence_marks_the_task_and_its_step_done_in_one_go()
    {
        var (target, subject, step) = await SeedAsync();
        var taskId = (await Connector.EraseAsync(target, subject, step, default)).TaskId!.Value;
        harness.Clock.Advance(TimeSpan.FromHours(3));

        var (errors, conflict) = await TasksAs().CompleteAsync(taskId, "  已按工单 OPS-2026-1187 删除录音 12 条，截图存于工单附件  ", 12, expectedVersion: 0);

        Assert.True(errors.IsValid);
        Assert.False(conflict);
        var now = harness.Clock.GetUtcNow().UtcDateTime;
        var (tasks, stepRow, _, completed) = await StateAsync(step.StepId);
        var task = Assert.Single(tasks);
        Assert.Equal((ConnectorTaskStatus.Done, "已按工单 OPS-2026-1187 删除录音 12 条，截图存于工单附件", (long?)12, OwnerId, (DateTime?)now, 1),
            (task.Status, task.EvidenceNote, task.Rows, task.CompletedById, task.CompletedAtUtc, task.Version));
        Assert.Equal((StepStatus.Done, 12L, (DateTime?)now, (long?)taskId, (string?)null), (stepRow.Status, stepRow.Rows, stepRow.CompletedAtUtc, stepRow.TaskId, stepRow.Error));
        Assert.Equal(1, completed);
        await using (var db = harness.Database.CreateDbContext())
        {
            var audited = await db.AuditEvents.SingleAsync(e => e.Action == ConnectorTaskActions.Completed);
            Assert.Equal((OwnerId, SubjectDirectory.Id(subject.SubjectId), SubjectDirectory.Id(taskId)), (audited.ActorId, audited.SubjectId, audited.TargetId));
            Assert.DoesNotContain("OPS-2026-1187", audited.Detail ?? "", StringComparison.Ordinal);
        }

        // A re-run of the operation asks again: the owner's answer stands, no new task.
        var again = await Connector.EraseAsync(target, subject, step, default);
        Assert.Equal((StepStatus.Done, 12L, (long?)taskId), (again.Status, again.Rows, again.TaskId));
        Assert.Single((await StateAsync(step.StepId)).Tasks);
    }

    [Theory]
    [InlineData(null, 3L, "EvidenceNote", "Validation.Required")]
    [InlineData("   ", 3L, "EvidenceNote", "Validation.Required")]
    [InlineData("已删除", -1L, "Rows", "Connectors.Tasks.RowsRange")]
    public async Task Completing_without_evidence_or_with_negative_rows_is_refused_at_the_field_and_saves_nothing(string? note, long rows, string field, string key)
    {
        var (target, subject, step) = await SeedAsync();
        var taskId = (await Connector.EraseAsync(target, subject, step, default)).TaskId!.Value;

        var (errors, conflict) = await TasksAs().CompleteAsync(taskId, note, rows, expectedVersion: 0);

        Assert.False(conflict);
        Assert.Equal(key, errors.For(field));
        var (tasks, stepRow, _, completed) = await StateAsync(step.StepId);
        Assert.Equal((ConnectorTaskStatus.Open, (string?)null, 0), (tasks[0].Status, tasks[0].EvidenceNote, tasks[0].Version));
        Assert.Equal(StepStatus.Pending, stepRow.Status);
        Assert.Equal(0, completed);
    }

    [Fact]
    public async Task An_evidence_note_over_2000_characters_is_refused()
    {
        var (target, subject, step) = await SeedAsync();
        var taskId = (await Connector.EraseAsync(target, subject, step, default)).TaskId!.Value;

        var (errors, _) = await TasksAs().CompleteAsync(taskId, new string('记', 2001), null, 0);

        Assert.Equal("Validation.TooLong", errors.For("EvidenceNote"));
    }

    [Fact]
    public async Task Two_owners_completing_the_same_task_at_once_one_is_refused_and_nothing_is_overwritten()
    {
        var (target, subject, step) = await SeedAsync();
        var taskId = (await Connector.EraseAsync(target, subject, step, default)).TaskId!.Value;

        var results = await Task.WhenAll(
            Task.Run(() => TasksAs("owner-a").CompleteAsync(taskId, "A 已删除", 3, 0)),
            Task.Run(() => TasksAs("owner-b").CompleteAsync(taskId, "B 已删除", 4, 0)));

        Assert.Single(results, r => r.Errors.IsValid && !r.Conflict);
        Assert.Single(results, r => r.Conflict);
        var winner = results[0].Conflict ? ("owner-b", "B 已删除", 4L) : ("owner-a", "A 已删除", 3L);
        var (tasks, stepRow, _, completed) = await StateAsync(step.StepId);
        Assert.Equal(winner, (tasks[0].CompletedById!, tasks[0].EvidenceNote!, tasks[0].Rows!.Value));
        Assert.Equal(winner.Item3, stepRow.Rows);
        Assert.Equal(1, completed);

        // A stale page that still shows the open task is refused too.
        Assert.True((await TasksAs().CompleteAsync(taskId, "再次完成", 1, 0)).Conflict);
        Assert.True((await TasksAs().CompleteAsync(taskId, "再次完成", 1, 1)).Conflict);
    }

    [Fact]
    public async Task The_list_shows_open_tasks_first_oldest_first_and_filters_by_status_and_system()
    {
        var now = harness.Clock.GetUtcNow().UtcDateTime;
        var a = await SeedAsync(harness.Database, now, OperationKind.Erase, "系统甲", "PR-2026-000001");
        var b = await SeedAsync(harness.Database, now, OperationKind.Export, "系统乙", "PR-2026-000002");
        var c = await SeedAsync(harness.Database, now, OperationKind.Erase, "系统丙", "PR-2026-000003");
        var ta = (await Connector.EraseAsync(a.Target, a.Subject, a.Step, default)).TaskId!.Value;
        var tb = (await Connector.ExportAsync(b.Target, b.Subject, null!, b.Step, default)).TaskId!.Value;
        var tc = (await Connector.EraseAsync(c.Target, c.Subject, c.Step, default)).TaskId!.Value;
        Assert.True((await TasksAs().CompleteAsync(ta, "已删除", 1, 0)).Errors.IsValid);

        var tasks = TasksAs();
        var all = await tasks.QueryAsync(new ConnectorTaskQuery(null, null, 0, 10));
        Assert.Equal(3, all.TotalCount);
        Assert.Equal([tb, tc, ta], all.Items.Select(r => r.Id));
        var first = all.Items[0];
        Assert.Equal(("系统乙", ConnectorTaskKind.Export, DataSubject.FormatReference(b.Subject.SubjectId), "PR-2026-000002", 3),
            (first.SystemName, first.Kind, first.SubjectReference, first.OperationReason, first.ChecklistItems.Count));

        var done = await tasks.QueryAsync(new ConnectorTaskQuery(ConnectorTaskStatus.Done, null, 0, 10));
        Assert.Equal([ta], done.Items.Select(r => r.Id));
        Assert.Equal("已删除", done.Items[0].EvidenceNote);
        var ofC = await tasks.QueryAsync(new ConnectorTaskQuery(null, c.Target.SystemId, 0, 10));
        Assert.Equal([tc], ofC.Items.Select(r => r.Id));
        var page2 = await tasks.QueryAsync(new ConnectorTaskQuery(null, null, 1, 2));
        Assert.Equal(3, page2.TotalCount);
        Assert.Equal([ta], page2.Items.Select(r => r.Id));
        Assert.Contains(await tasks.SystemsAsync(), s => s.Name == "系统丙");
    }
}
