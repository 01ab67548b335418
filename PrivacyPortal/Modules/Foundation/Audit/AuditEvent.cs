namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>
/// One link of the hash-chained, append-only audit trail. It names people by id only: staff by their account
/// id, data subjects by their subject id, never by name, phone or e-mail.
/// </summary>
public sealed class AuditEvent
{
    public const int HashLength = 32;

    /// <summary>1, 2, 3... without gaps; the primary key, so two writers can never both append the same link.</summary>
    public long Sequence { get; set; }

    public DateTime OccurredAtUtc { get; set; }

    /// <summary>A staff account id, <see cref="AuditActors.System"/> or <see cref="AuditActors.Anonymous"/>.</summary>
    public string ActorId { get; set; } = "";

    public string Action { get; set; } = "";

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public string? SubjectId { get; set; }

    public string? ClientIp { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>Small JSON object with ids and reasons; never personal values.</summary>
    public string? Detail { get; set; }

    public byte[] PreviousHash { get; set; } = [];

    public byte[] Hash { get; set; } = [];
}

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}

public static class AuditActors
{
    public const string System = "system";
    public const string Anonymous = "anonymous";
}
