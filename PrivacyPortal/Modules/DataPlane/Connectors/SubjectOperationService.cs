using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

public sealed record OperationStepView(long Id, int SystemId, string SystemName, ConnectorKind Connector, StepStatus Status, long Rows, int Attempts, string? Error, long? TaskId, DateTime? CompletedAtUtc);

public sealed record OperationView(long Id, long SubjectId, OperationKind Kind, OperationStatus Status, string Reason, DateTime CreatedAtUtc, DateTime? CompletedAtUtc,
    IReadOnlyList<OperationStepView> Steps, ExportPackage? Package);

/// <summary>
/// Runs an export or erasure of one person across every active system. The steps in the database are the state:
/// a run claims the operation with a lease (so two instances never run it at once), does only the steps not yet
/// done, and records each step as soon as it finishes. Killed half-way, the next run continues where it stopped.
/// </summary>
public sealed class SubjectOperationService(
    IDbContextFactory<PortalDbContext> contexts,
    ConnectorTargets targets,
    SubjectDirectory directory,
    ExportStorage storage,
    ExportPackageBuilder packages,
    AuditTrail audit,
    CurrentActor actor,
    TimeProvider time,
    ILogger<SubjectOperationService> log, AccessGuard access)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    public async Task<(FieldErrors Errors, long? OperationId)> StartAsync(long subjectId, OperationKind kind, string? reason, long? requestId = null, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "operations.start");
        var errors = new FieldErrors();
        reason = reason?.Trim() ?? "";
        if (reason.Length < SubjectDirectory.MinReasonLength)
        {
            errors["Reason"] = "Exports.ReasonRequired";
        }
        else if (reason.Length > 500)
        {
            errors["Reason"] = "Validation.TooLong";
        }
        var systems = await targets.ActiveSystemsAsync(cancellationToken);
        if (systems.Count == 0)
        {
            errors["Reason"] = "Exports.NoSystems";
        }
        if (!errors.IsValid)
        {
            return (errors, null);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<DataSubject>().AnyAsync(s => s.Id == subjectId, cancellationToken))
        {
            errors["Reason"] = "Common.NotFound";
            return (errors, null);
        }
        var operation = new SubjectOperation
        {
            SubjectId = subjectId,
            Kind = kind,
            Status = OperationStatus.Running,
            Reason = reason,
            RequestId = requestId,
            RequestedById = await actor.GetActorIdAsync(),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            Steps = systems.Select(s => new SubjectOperationStep { SystemId = s.Id, Status = StepStatus.Pending }).ToList(),
        };
        db.Add(operation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(kind == OperationKind.Export ? ConnectorActions.ExportStarted : ConnectorActions.EraseStarted,
            targetType: "subject-operation", targetId: operation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            subjectId: SubjectDirectory.Id(subjectId), detail: new { reason, requestId, systems = systems.Count }, cancellationToken: cancellationToken);
        return (errors, operation.Id);
    }

    /// <summary>Runs (or resumes, or retries) the operation. Returns null when another run holds it.</summary>
    public async Task<OperationStatus?> RunAsync(long operationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using (var claim = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var claimed = await claim.Set<SubjectOperation>()
                .Where(o => o.Id == operationId && o.Status != OperationStatus.Completed && (o.LeaseUntilUtc == null || o.LeaseUntilUtc < now))
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.LeaseUntilUtc, now + Lease).SetProperty(o => o.Status, OperationStatus.Running), cancellationToken);
            if (claimed == 0)
            {
                return null;
            }
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var operation = await db.Set<SubjectOperation>().Include(o => o.Steps).SingleAsync(o => o.Id == operationId, cancellationToken);
        try
        {
            var keys = await directory.KeysAsync(operation.SubjectId, cancellationToken);
            var systems = new List<(DataSystem System, SubjectOperationStep Step)>();
            foreach (var step in operation.Steps.OrderBy(s => s.SystemId))
            {
                var system = await targets.SystemAsync(step.SystemId, cancellationToken)
                    ?? throw new InvalidOperationException($"System {step.SystemId} is gone.");
                systems.Add((system, step));
                if (step.Status is StepStatus.Done or StepStatus.Waiting)
                {
                    continue;
                }
                step.Attempts++;
                var outcome = await RunStepAsync(operation, step, system, keys, cancellationToken);
                step.Status = outcome.Status;
                step.Rows = outcome.Rows;
                step.Error = outcome.Error is null ? null : Truncate(outcome.Error, 1000);
                step.TaskId = outcome.TaskId ?? step.TaskId;
                step.CompletedAtUtc = outcome.Status == StepStatus.Done ? time.GetUtcNow().UtcDateTime : null;
                // Each step is recorded as soon as it is done: a crash after this line never redoes it.
                await db.SaveChangesAsync(cancellationToken);
                log.LogInformation("Operation {OperationId} ({Kind}) step for system {SystemId}: {Status}, {Rows} rows", operation.Id, operation.Kind, step.SystemId, step.Status, step.Rows);
            }
            operation.Status = StatusOf(operation.Steps);
            if (operation.Kind == OperationKind.Export && operation.Status != OperationStatus.Failed
                && !await db.Set<ExportPackage>().AnyAsync(p => p.OperationId == operation.Id, cancellationToken))
            {
                db.Add(await packages.BuildAsync(operation, systems, cancellationToken));
            }
            operation.CompletedAtUtc = operation.Status == OperationStatus.Completed ? time.GetUtcNow().UtcDateTime : null;
            operation.LeaseUntilUtc = null;
            await db.SaveChangesAsync(cancellationToken);
            if (operation.Kind == OperationKind.Export && operation.Status != OperationStatus.Failed)
            {
                ExportStorage.DeleteFolder(storage.OperationPartsFolder(operation.Id));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Operation {OperationId} stopped", operationId);
            operation.Status = OperationStatus.Failed;
            operation.LeaseUntilUtc = null;
            db.ChangeTracker.Entries<ExportPackage>().ToList().ForEach(p => p.State = EntityState.Detached);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        await audit.RecordAsync(operation.Kind == OperationKind.Export ? ConnectorActions.ExportRun : ConnectorActions.EraseRun,
            outcome: operation.Status == OperationStatus.Failed ? AuditOutcome.Failure : AuditOutcome.Success,
            targetType: "subject-operation", targetId: operation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            subjectId: SubjectDirectory.Id(operation.SubjectId),
            detail: new { status = operation.Status.ToString(), steps = operation.Steps.Select(s => new { s.SystemId, status = s.Status.ToString(), s.Rows }).ToArray() },
            cancellationToken: cancellationToken);
        return operation.Status;
    }

    private async Task<StepOutcome> RunStepAsync(SubjectOperation operation, SubjectOperationStep step, DataSystem system, SubjectKeys keys, CancellationToken cancellationToken)
    {
        var reference = new OperationStepRef(operation.Id, step.Id, operation.Kind, operation.Reason);
        try
        {
            var target = targets.For(system);
            var connector = targets.ConnectorFor(system.ConnectorKind);
            if (operation.Kind == OperationKind.Erase)
            {
                return await connector.EraseAsync(target, keys, reference, cancellationToken);
            }
            // A retried export starts this system again from nothing: its earlier part may be incomplete.
            var folder = storage.PartsFolder(operation.Id, system.Id);
            ExportStorage.DeleteFolder(folder);
            await using var writer = new ExportPartWriter(storage.Files, folder);
            return await connector.ExportAsync(target, keys, writer, reference, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Operation {OperationId}: system {SystemId} failed", operation.Id, system.Id);
            return StepOutcome.Failed(Masking.Scrub($"{e.GetType().Name}: {e.Message}"));
        }
    }

    public static OperationStatus StatusOf(IEnumerable<SubjectOperationStep> steps)
    {
        var list = steps.ToList();
        if (list.Any(s => s.Status is StepStatus.Failed or StepStatus.Pending))
        {
            return list.Any(s => s.Status == StepStatus.Failed) ? OperationStatus.Failed : OperationStatus.Running;
        }
        return list.Any(s => s.Status == StepStatus.Waiting) ? OperationStatus.WaitingOnTasks : OperationStatus.Completed;
    }

    /// <summary>Operations of one person, newest first, with their steps and package.</summary>
    public async Task<IReadOnlyList<OperationView>> ListAsync(long subjectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var operations = await db.Set<SubjectOperation>().AsNoTracking().Include(o => o.Steps)
            .Where(o => o.SubjectId == subjectId).OrderByDescending(o => o.Id).Take(50).ToListAsync(cancellationToken);
        var ids = operations.Select(o => o.Id).ToList();
        var packagesById = await db.Set<ExportPackage>().AsNoTracking().Where(p => ids.Contains(p.OperationId)).ToDictionaryAsync(p => p.OperationId, cancellationToken);
        var systems = await db.Set<DataSystem>().AsNoTracking().Select(s => new { s.Id, s.Name, s.ConnectorKind }).ToDictionaryAsync(s => s.Id, cancellationToken);
        return operations.Select(o => new OperationView(o.Id, o.SubjectId, o.Kind,
            o.Status == OperationStatus.WaitingOnTasks ? StatusOf(o.Steps) : o.Status, o.Reason, o.CreatedAtUtc, o.CompletedAtUtc,
            o.Steps.OrderBy(s => systems[s.SystemId].Name).Select(s => new OperationStepView(s.Id, s.SystemId, systems[s.SystemId].Name, systems[s.SystemId].ConnectorKind,
                s.Status, s.Rows, s.Attempts, s.Error, s.TaskId, s.CompletedAtUtc)).ToList(),
            packagesById.GetValueOrDefault(o.Id))).ToList();
    }

    /// <summary>Picks up operations left running by a stopped instance (lease expired). Run by <see cref="SubjectOperationJob"/>.</summary>
    public async Task<int> ResumeStaleAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stale = await db.Set<SubjectOperation>()
            .Where(o => o.Status == OperationStatus.Running && (o.LeaseUntilUtc == null || o.LeaseUntilUtc < now) && o.CreatedAtUtc < now.AddMinutes(-2))
            .Select(o => o.Id).Take(20).ToListAsync(cancellationToken);
        var resumed = 0;
        foreach (var id in stale)
        {
            try
            {
                if (await RunAsync(id, cancellationToken) is not null)
                {
                    resumed++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Resuming operation {OperationId} failed", id);
            }
        }
        return resumed;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

public static class ConnectorActions
{
    public const string ExportStarted = "subject.export-started";
    public const string ExportRun = "subject.export-run";
    public const string EraseStarted = "subject.erase-started";
    public const string EraseRun = "subject.erase-run";
    public const string PackageDownloaded = "export.downloaded";
    public const string PackageExpired = "export.expired";
    public const string ConnectorConfigured = "system.connector-configured";
}
