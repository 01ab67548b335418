using System.Text.Encodings.Web;
using System.Text.Json;

namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>What features call to record an action: fills in who and from where.</summary>
public sealed class AuditTrail(AuditChainWriter writer, CurrentActor actor)
{
    private static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<AuditEvent> RecordAsync(
        string action,
        AuditOutcome outcome = AuditOutcome.Success,
        string? targetType = null,
        string? targetId = null,
        string? subjectId = null,
        object? detail = null,
        string? actorId = null,
        CancellationToken cancellationToken = default)
    {
        var record = new AuditRecord(
            action,
            actorId ?? await actor.GetActorIdAsync(),
            outcome,
            targetType,
            targetId,
            subjectId,
            actor.ClientIp,
            detail is null ? null : JsonSerializer.Serialize(detail, DetailJson));
        return await writer.AppendAsync(record, cancellationToken);
    }
}
