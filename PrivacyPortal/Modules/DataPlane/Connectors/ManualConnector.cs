using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Subjects;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>
/// A system without an API: the portal cannot look or act, so it hands the work to the system's owner as a
/// <see cref="ConnectorTask"/> with the system's checklist. The step waits until the owner records completion
/// (<see cref="ConnectorTaskService.CompleteAsync"/>). One task per step, however often or concurrently a run asks.
/// </summary>
public sealed class ManualConnector(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, TimeProvider time) : IConnector
{
    public ConnectorKind Kind => ConnectorKind.Manual;

    /// <summary>Nothing to count without an API: the data map says "ask the owner".</summary>
    public Task<FindOutcome> FindAsync(ConnectorTarget target, SubjectKeys subject, CancellationToken cancellationToken) =>
        Task.FromResult(new FindOutcome(StepStatus.Waiting, new Dictionary<string, long>()));

    public Task<StepOutcome> ExportAsync(ConnectorTarget target, SubjectKeys subject, IExportWriter writer, OperationStepRef step, CancellationToken cancellationToken) =>
        TaskForAsync(target, subject, step, ConnectorTaskKind.Export, cancellationToken);

    public Task<StepOutcome> EraseAsync(ConnectorTarget target, SubjectKeys subject, OperationStepRef step, CancellationToken cancellationToken) =>
        TaskForAsync(target, subject, step, ConnectorTaskKind.Erase, cancellationToken);

    private async Task<StepOutcome> TaskForAsync(ConnectorTarget target, SubjectKeys subject, OperationStepRef step, ConnectorTaskKind kind, CancellationToken cancellationToken)
    {
        if (await ExistingAsync(step.StepId, cancellationToken) is { } existing)
        {
            return Outcome(existing);
        }
        var task = new ConnectorTask
        {
            SystemId = target.SystemId,
            SubjectId = subject.SubjectId,
            OperationStepId = step.StepId,
            Kind = kind,
            Status = ConnectorTaskStatus.Open,
            Checklist = ConnectorTaskService.NormalizeChecklist(target.ManualChecklist),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Add(task);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run made the task for this step a moment ago (unique OperationStepId): that one stands.
                if (await ExistingAsync(step.StepId, cancellationToken) is { } other)
                {
                    return Outcome(other);
                }
                throw;
            }
        }
        await audit.RecordAsync(ConnectorTaskActions.Created, targetType: ConnectorTaskActions.TargetType, targetId: SubjectDirectory.Id(task.Id),
            subjectId: SubjectDirectory.Id(subject.SubjectId),
            detail: new { systemId = target.SystemId, kind = kind.ToString(), operationId = step.OperationId, stepId = step.StepId }, cancellationToken: cancellationToken);
        return new StepOutcome(StepStatus.Waiting, TaskId: task.Id);
    }

    private async Task<ConnectorTask?> ExistingAsync(long stepId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ConnectorTask>().AsNoTracking().SingleOrDefaultAsync(t => t.OperationStepId == stepId, cancellationToken);
    }

    /// <summary>A step asked again after its owner finished reports what the owner recorded.</summary>
    private static StepOutcome Outcome(ConnectorTask task) => task.Status switch
    {
        ConnectorTaskStatus.Done => new StepOutcome(StepStatus.Done, task.Rows ?? 0, TaskId: task.Id),
        ConnectorTaskStatus.Cancelled => new StepOutcome(StepStatus.Failed, 0, $"the owner's task #{task.Id} was cancelled", task.Id),
        _ => new StepOutcome(StepStatus.Waiting, TaskId: task.Id),
    };
}

public static class ConnectorTaskActions
{
    public const string TargetType = "connector-task";
    public const string Created = "connector-task.created";
    public const string Completed = "connector-task.completed";
}
