using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

public sealed record ConnectorTaskQuery(ConnectorTaskStatus? Status, int? SystemId, int Page, int PageSize);

public sealed record ConnectorTaskRow(
    long Id,
    int SystemId,
    string SystemName,
    ConnectorTaskKind Kind,
    long SubjectId,
    ConnectorTaskStatus Status,
    string Checklist,
    DateTime CreatedAtUtc,
    string? OperationReason,
    string? EvidenceNote,
    long? Rows,
    string? CompletedBy,
    DateTime? CompletedAtUtc,
    int Version)
{
    public string SubjectReference => DataSubject.FormatReference(SubjectId);

    public IReadOnlyList<string> ChecklistItems => ConnectorTaskService.Items(Checklist);
}

public sealed record SystemOption(int Id, string Name);

/// <summary>
/// The system owners' work list: tasks the manual connector made, and their completion. Completing a task
/// finishes the operation step that waits on it, in the same save, so the step's state never disagrees with the task.
/// </summary>
public sealed class ConnectorTaskService(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, CurrentActor actor, TimeProvider time)
{
    public const int MaxEvidenceLength = 2000;
    private const int MaxChecklistLength = 4000;

    /// <summary>Open tasks first, oldest first (a queue); then finished ones, newest first.</summary>
    public async Task<PagedResult<ConnectorTaskRow>> QueryAsync(ConnectorTaskQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tasks = db.Set<ConnectorTask>().AsNoTracking();
        if (query.Status is { } status)
        {
            tasks = tasks.Where(t => t.Status == status);
        }
        if (query.SystemId is { } systemId)
        {
            tasks = tasks.Where(t => t.SystemId == systemId);
        }
        var total = await tasks.CountAsync(cancellationToken);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var rows = await Project(db, tasks).Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<ConnectorTaskRow>(rows, total);
    }

    public async Task<ConnectorTaskRow?> GetAsync(long taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Set<ConnectorTask>().AsNoTracking().Where(t => t.Id == taskId)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Systems to filter by: the manual ones and any that has a task.</summary>
    public async Task<IReadOnlyList<SystemOption>> SystemsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSystem>().AsNoTracking()
            .Where(s => s.ConnectorKind == ConnectorKind.Manual || db.Set<ConnectorTask>().Any(t => t.SystemId == s.Id))
            .OrderBy(s => s.Name)
            .Select(s => new SystemOption(s.Id, s.Name))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The owner records what they did. Evidence is required; the operation step the task belongs to becomes Done
    /// with the owner's row count. <paramref name="expectedVersion"/> is the version the owner saw: a task completed or
    /// changed since is refused (<c>Conflict</c>), never overwritten.
    /// </summary>
    public async Task<(FieldErrors Errors, bool Conflict)> CompleteAsync(long taskId, string? evidenceNote, long? rows, int expectedVersion,
        CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var note = evidenceNote?.Trim() ?? "";
        if (note.Length == 0)
        {
            errors["EvidenceNote"] = "Validation.Required";
        }
        else if (note.Length > MaxEvidenceLength)
        {
            errors["EvidenceNote"] = "Validation.TooLong";
        }
        if (rows is < 0)
        {
            errors["Rows"] = "Connectors.Tasks.RowsRange";
        }
        if (!errors.IsValid)
        {
            return (errors, false);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var task = await db.Set<ConnectorTask>().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null)
        {
            errors["Task"] = "Connectors.Tasks.NotFound";
            return (errors, false);
        }
        if (task.Status != ConnectorTaskStatus.Open || !db.TryClaim(task, expectedVersion))
        {
            return (errors, true);
        }
        var now = time.GetUtcNow().UtcDateTime;
        task.Status = ConnectorTaskStatus.Done;
        task.EvidenceNote = note;
        task.Rows = rows;
        task.CompletedById = await actor.GetActorIdAsync();
        task.CompletedAtUtc = now;
        if (task.OperationStepId is { } stepId && await db.Set<SubjectOperationStep>().SingleOrDefaultAsync(s => s.Id == stepId, cancellationToken) is { } step)
        {
            step.Status = StepStatus.Done;
            step.Rows = rows ?? 0;
            step.Error = null;
            step.TaskId = task.Id;
            step.CompletedAtUtc = now;
        }
        if (!await db.SaveUnlessChangedAsync(cancellationToken))
        {
            return (errors, true);
        }
        // The note is free text an owner typed: it stays on the task, the trail records that there was one.
        await audit.RecordAsync(ConnectorTaskActions.Completed, targetType: ConnectorTaskActions.TargetType, targetId: SubjectDirectory.Id(task.Id),
            subjectId: SubjectDirectory.Id(task.SubjectId),
            detail: new { systemId = task.SystemId, kind = task.Kind.ToString(), rows, operationStepId = task.OperationStepId, evidenceLength = note.Length },
            actorId: task.CompletedById, cancellationToken: cancellationToken);
        return (errors, false);
    }

    /// <summary>One item per line, blank lines dropped, within the column's length.</summary>
    public static string NormalizeChecklist(string? checklist)
    {
        var text = string.Join('\n', Items(checklist));
        return text.Length > MaxChecklistLength ? text[..MaxChecklistLength] : text;
    }

    public static IReadOnlyList<string> Items(string? checklist) =>
        (checklist ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static IQueryable<ConnectorTaskRow> Project(PortalDbContext db, IQueryable<ConnectorTask> tasks) =>
        from t in tasks
        join s in db.Set<DataSystem>() on t.SystemId equals s.Id
        orderby t.Status == ConnectorTaskStatus.Open ? 0 : 1, t.Status == ConnectorTaskStatus.Open ? t.Id : -t.Id
        select new ConnectorTaskRow(
            t.Id,
            t.SystemId,
            s.Name,
            t.Kind,
            t.SubjectId,
            t.Status,
            t.Checklist,
            t.CreatedAtUtc,
            (from step in db.Set<SubjectOperationStep>()
             where step.Id == t.OperationStepId
             join op in db.Set<SubjectOperation>() on step.OperationId equals op.Id
             select op.Reason).FirstOrDefault(),
            t.EvidenceNote,
            t.Rows,
            db.Users.Where(u => u.Id == t.CompletedById).Select(u => u.DisplayName).FirstOrDefault(),
            t.CompletedAtUtc,
            t.Version);
}
