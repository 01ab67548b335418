using PrivacyPortal.Modules.DataPlane.Subjects;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

public enum ConnectorKind
{
    /// <summary>A SQLite or SQL Server database the portal queries with a validated mapping.</summary>
    Database,
    /// <summary>A system with an API: HMAC-signed JSON requests.</summary>
    Http,
    /// <summary>No API: the owner gets a task with a checklist.</summary>
    Manual,
}

/// <summary>
/// How the portal reaches one system. Every kind answers the same three questions for one person: what do you
/// hold (find), give it to me (export), remove it (erase). A connector never throws for a refusal it can
/// explain: it returns <see cref="StepStatus.Failed"/> with the reason, which the step records.
/// </summary>
public interface IConnector
{
    ConnectorKind Kind { get; }

    Task<FindOutcome> FindAsync(ConnectorTarget target, SubjectKeys subject, CancellationToken cancellationToken);

    /// <summary>Writes every record held on the person to <paramref name="writer"/>, streaming (nothing buffered per person).</summary>
    Task<StepOutcome> ExportAsync(ConnectorTarget target, SubjectKeys subject, IExportWriter writer, OperationStepRef step, CancellationToken cancellationToken);

    Task<StepOutcome> EraseAsync(ConnectorTarget target, SubjectKeys subject, OperationStepRef step, CancellationToken cancellationToken);
}

/// <summary>The person as connectors see them: normalised identifier values (phones without +86, e-mail lowercased).</summary>
public sealed record SubjectKeys(long SubjectId, IReadOnlyList<SubjectKey> Keys)
{
    public IEnumerable<string> ValuesOf(IdentifierKind kind) => Keys.Where(k => k.Kind == kind).Select(k => k.Value);
}

public sealed record SubjectKey(IdentifierKind Kind, string Value);

/// <summary>A system with its connector settings, secrets decrypted, for the duration of one call.</summary>
public sealed record ConnectorTarget(
    int SystemId,
    string SystemName,
    ConnectorKind Kind,
    IReadOnlyList<string> CategoryKeys,
    string? DatabaseProvider = null,
    string? Secret = null,
    string? BaseUrl = null,
    DatabaseMapping? Mapping = null,
    string? ManualChecklist = null);

/// <summary>Which step of which operation a call belongs to: lets a manual connector make exactly one task per step.</summary>
public sealed record OperationStepRef(long OperationId, long StepId, OperationKind Kind, string Reason);

public sealed record FindOutcome(StepStatus Status, IReadOnlyDictionary<string, long> CountsByCategory, string? Error = null)
{
    public static FindOutcome Failed(string error) => new(StepStatus.Failed, new Dictionary<string, long>(), error);
}

public sealed record StepOutcome(StepStatus Status, long Rows = 0, string? Error = null, long? TaskId = null)
{
    public static StepOutcome Failed(string error) => new(StepStatus.Failed, 0, error);
}

/// <summary>Receives exported records. <paramref name="source"/> names where the record came from (e.g. a table).</summary>
public interface IExportWriter
{
    ValueTask WriteAsync(string categoryKey, string source, IReadOnlyList<KeyValuePair<string, string?>> fields, CancellationToken cancellationToken);
}
