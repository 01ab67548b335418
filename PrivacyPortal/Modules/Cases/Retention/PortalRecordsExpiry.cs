using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;

namespace PrivacyPortal.Modules.Cases.Retention;

/// <summary>How long the portal keeps its own personal data (statement 2.2 applies to the portal too).</summary>
public sealed class PortalRecordsOptions
{
    public const string Section = "Retention:PortalRecords";

    /// <summary>
    /// After a case closes: its free text (what the caller said, notes, verification and fee notes, the authority
    /// of a representative) is cleared; case number, type, dates, decision reasons and outcome stay for the statistics.
    /// </summary>
    public int ClosedCaseDays { get; set; } = 1095;

    /// <summary>Sent or failed messages: the body and the encrypted recipient are cleared (the masked address and status stay).</summary>
    public int MessageBodyDays { get; set; } = 180;

    /// <summary>One-time verification codes (salted hashes) are deleted this long after they expired.</summary>
    public int VerificationCodeDays { get; set; } = 30;
}

public sealed record PortalExpiryResult(int Cases, int Comments, int Messages, int Codes, int HeldCases, int MailFiles = 0);

/// <summary>
/// Nightly: clears the portal's own personal data once its period has passed, in batches, and says what it did.
/// Cases of a person under a legal hold are skipped and counted. The audit trail holds ids only and keeps its
/// hash chain whole, so it is not purged here (ADR 0003).
/// </summary>
public sealed class PortalRecordsExpiry(IDbContextFactory<PortalDbContext> contexts, IOptions<PortalRecordsOptions> options, AuditTrail audit, MailPickupFolder pickup, TimeProvider time)
{
    private const int Batch = 1000;

    public async Task<PortalExpiryResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var (cases, comments, held) = await ClearClosedCasesAsync(now.AddDays(-o.ClosedCaseDays), cancellationToken);
        var messages = await ClearMessagesAsync(now.AddDays(-o.MessageBodyDays), cancellationToken);
        // Mail written to the pickup folder (no relay) is the same message body, kept no longer.
        var mailFiles = pickup.DeleteOlderThan(now.AddDays(-o.MessageBodyDays));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var codeCutoff = now.AddDays(-o.VerificationCodeDays);
        var codes = await db.Set<VerificationChallenge>().Where(c => c.ExpiresAtUtc < codeCutoff).ExecuteDeleteAsync(cancellationToken);
        var result = new PortalExpiryResult(cases, comments, messages, codes, held, mailFiles);
        if (cases + comments + messages + codes + held + mailFiles > 0)
        {
            await audit.RecordAsync(RetentionActions.PortalRecordsExpired, targetType: "retention", targetId: "portal", detail: result, cancellationToken: cancellationToken);
        }
        return result;
    }

    private async Task<(int Cases, int Comments, int Held)> ClearClosedCasesAsync(DateTime closedBefore, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var heldSubjects = await (from s in db.Set<LegalHoldSubject>()
                                  join h in db.Set<LegalHold>() on s.HoldId equals h.Id
                                  where h.ReleasedAtUtc == null
                                  select s.SubjectId).Distinct().ToListAsync(cancellationToken);
        var due = db.Set<DataSubjectRequest>().Where(r => r.Status == RequestStatus.Closed && r.ClosedAtUtc < closedBefore);
        var held = await due.CountAsync(r => heldSubjects.Contains(r.SubjectId) && r.Summary != "", cancellationToken);
        int cases = 0, comments = 0;
        while (true)
        {
            // Each batch its own statement: a crash leaves the rest for the next night, nothing half-cleared.
            var ids = await due.Where(r => !heldSubjects.Contains(r.SubjectId) && r.Summary != "").OrderBy(r => r.Id).Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }
            comments += await db.Set<RequestComment>().Where(c => ids.Contains(c.RequestId)).ExecuteDeleteAsync(cancellationToken);
            cases += await db.Set<DataSubjectRequest>().Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Summary, "")
                .SetProperty(r => r.AuthorityNote, (string?)null)
                .SetProperty(r => r.VerificationNote, (string?)null)
                .SetProperty(r => r.FeeBasis, (string?)null)
                .SetProperty(r => r.FeeSettlementNote, (string?)null)
                .SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        }
        return (cases, comments, held);
    }

    private async Task<int> ClearMessagesAsync(DateTime createdBefore, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var ids = await db.Set<OutboxMessage>()
                .Where(m => (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed) && m.CreatedAtUtc < createdBefore && (m.Body != "" || m.RecipientProtected != null || m.SecretsProtected != null))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return total;
            }
            total += await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Body, "")
                .SetProperty(m => m.SecretsProtected, (string?)null)
                .SetProperty(m => m.RecipientProtected, (string?)null), cancellationToken);
        }
    }
}
