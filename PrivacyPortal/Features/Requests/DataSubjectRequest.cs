using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Features.Requests;

/// <summary>
/// A data-subject request (个人信息主体权利请求), one per type: a call that raises two requests makes two cases
/// sharing an <see cref="IntakeId"/>, each with its own clock, decision and fulfilment.
/// </summary>
public sealed class DataSubjectRequest
{
    public long Id { get; set; }

    /// <summary>What the agent reads out, e.g. PR-2026-000123.</summary>
    public string CaseNumber { get; set; } = "";

    public long SubjectId { get; set; }

    public RequestType Type { get; set; }

    public RequestChannel Channel { get; set; }

    /// <summary>"CN" (GB/T 35273 deadlines) or "GDPR".</summary>
    public string Jurisdiction { get; set; } = "CN";

    public RequestStatus Status { get; set; }

    public RequestOutcome? Outcome { get; set; }

    /// <summary>What the caller asked for, in the agent's words; no identifiers.</summary>
    public string Summary { get; set; } = "";

    /// <summary>The requests taken in one call or message share this.</summary>
    public Guid IntakeId { get; set; }

    /// <summary>Made by someone acting for the person (a guardian, a lawyer): the authority is recorded.</summary>
    public bool OnBehalf { get; set; }

    public string? AuthorityNote { get; set; }

    public string? AssigneeId { get; set; }

    /// <summary>The answer clock (target); <see cref="DueAtUtc"/> mirrors its due instant for the queue.</summary>
    public Guid? ClockId { get; set; }

    public DateTime DueAtUtc { get; set; }

    /// <summary>The deadline ran into a year without a loaded calendar (SPEC: flagged, never silent).</summary>
    public bool DeadlineUncertain { get; set; }

    public VerificationMethod? VerificationMethod { get; set; }

    public VerificationResult? VerificationResult { get; set; }

    public string? VerificationNote { get; set; }

    public string? VerifiedById { get; set; }

    public DateTime? VerifiedAtUtc { get; set; }

    public DecisionKind? Decision { get; set; }

    /// <summary>Keys of <see cref="RefusalReasons"/>, comma-separated.</summary>
    public string? RefusalReasonKeys { get; set; }

    public string? DecisionExplanation { get; set; }

    public string? DecidedById { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>The export or erasure that fulfils it.</summary>
    public long? OperationId { get; set; }

    public long? DuplicateOfId { get; set; }

    /// <summary>Statement 6.7: repeated requests may carry a cost-based fee; the clock waits while it is unpaid. Null: free.</summary>
    public FeeStatus? FeeStatus { get; set; }

    /// <summary>In yuan.</summary>
    public decimal? FeeAmount { get; set; }

    /// <summary>How the cost was worked out, as the person is told.</summary>
    public string? FeeBasis { get; set; }

    public string? FeeAssessedById { get; set; }

    public DateTime? FeeAssessedAtUtc { get; set; }

    /// <summary>Paid or waived: by whom, when, and the receipt or the reason.</summary>
    public string? FeeSettledById { get; set; }

    public DateTime? FeeSettledAtUtc { get; set; }

    public string? FeeSettlementNote { get; set; }

    public string CreatedById { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>Closed by its due instant; null while open.</summary>
    public bool? ClosedOnTime { get; set; }

    public int Version { get; set; }

    public static string FormatCaseNumber(long id, DateTime createdAtUtc) => $"PR-{createdAtUtc:yyyy}-{id:D6}";
}

public enum RequestType
{
    Access,
    Correction,
    Deletion,
    ConsentWithdrawal,
    AccountCancellation,
}

/// <summary>Statement 8: the 400 hotline and online customer service; also e-mail, web form, letter.</summary>
public enum RequestChannel
{
    Hotline400,
    OnlineChat,
    Email,
    WebForm,
    Letter,
}

public enum RequestStatus
{
    /// <summary>Taken; nothing is disclosed, changed or deleted until the requester is verified (statement 6.3).</summary>
    AwaitingVerification,
    InReview,
    /// <summary>Approved; the systems are being worked through.</summary>
    Fulfilling,
    Closed,
}

public enum RequestOutcome
{
    Fulfilled,
    PartiallyFulfilled,
    Refused,
    VerificationFailed,
    Duplicate,
}

public enum VerificationMethod
{
    /// <summary>A one-time code sent to a phone or e-mail already on file.</summary>
    OneTimeCode,
    /// <summary>The person confirmed from their signed-in account.</summary>
    SignedInAccount,
    /// <summary>An agent checked documents; the note says which.</summary>
    DocumentCheck,
}

public enum VerificationResult
{
    Passed,
    Failed,
    Expired,
}

public enum FeeStatus
{
    /// <summary>Assessed and not yet paid: the case and its clock wait.</summary>
    Assessed,
    Paid,
    Waived,
}

public enum DecisionKind
{
    Approve,
    PartiallyApprove,
    Refuse,
}

/// <summary>The statement's grounds for not (fully) meeting a request (clauses 2.2, 6.4, 6.7; PIPL art. 50 wants them stated).</summary>
public static class RefusalReasons
{
    public static readonly IReadOnlyList<string> All =
    [
        "LegalDuty", "CourtOrder", "GovernmentRequest", "MaliceOrAbuse", "SeriousHarmToOthers", "TradeSecret", "ExcessiveTechnicalMeans", "Impractical",
    ];
}

public sealed class DataSubjectRequestConfiguration : IEntityTypeConfiguration<DataSubjectRequest>
{
    public void Configure(EntityTypeBuilder<DataSubjectRequest> e)
    {
        e.ToTable("DataSubjectRequests");
        e.HasIndex(x => x.CaseNumber).IsUnique();
        e.HasIndex(x => new { x.Status, x.DueAtUtc });
        e.HasIndex(x => new { x.SubjectId, x.Type, x.Status });
        e.HasIndex(x => new { x.AssigneeId, x.Status, x.DueAtUtc });
        e.HasIndex(x => x.IntakeId);
        e.HasIndex(x => x.CreatedAtUtc);
        e.Property(x => x.CaseNumber).HasMaxLength(20);
        e.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Jurisdiction).HasMaxLength(8);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Summary).HasMaxLength(1000);
        e.Property(x => x.AuthorityNote).HasMaxLength(500);
        e.Property(x => x.AssigneeId).HasMaxLength(450);
        e.Property(x => x.VerificationMethod).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.VerificationResult).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.VerificationNote).HasMaxLength(500);
        e.Property(x => x.VerifiedById).HasMaxLength(450);
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.RefusalReasonKeys).HasMaxLength(300);
        e.Property(x => x.DecisionExplanation).HasMaxLength(2000);
        e.Property(x => x.DecidedById).HasMaxLength(450);
        e.Property(x => x.CreatedById).HasMaxLength(450);
        e.Property(x => x.FeeStatus).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.FeeAmount).HasPrecision(10, 2);
        e.Property(x => x.FeeBasis).HasMaxLength(1000);
        e.Property(x => x.FeeAssessedById).HasMaxLength(450);
        e.Property(x => x.FeeSettledById).HasMaxLength(450);
        e.Property(x => x.FeeSettlementNote).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Subjects.DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A staff note on a case.</summary>
public sealed class RequestComment
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public string AuthorId { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTime AtUtc { get; set; }
}

public sealed class RequestCommentConfiguration : IEntityTypeConfiguration<RequestComment>
{
    public void Configure(EntityTypeBuilder<RequestComment> e)
    {
        e.ToTable("RequestComments");
        e.HasIndex(x => new { x.RequestId, x.AtUtc });
        e.Property(x => x.AuthorId).HasMaxLength(450);
        e.Property(x => x.Text).HasMaxLength(2000);
        e.HasOne<DataSubjectRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// A one-time code sent to an identifier already on file. Only its hash is kept; it expires, and wrong entries are
/// counted so that guessing stops after <see cref="MaxAttempts"/>.
/// </summary>
public sealed class VerificationChallenge
{
    public long Id { get; set; }

    public Guid IntakeId { get; set; }

    /// <summary>The identifier on file the code went to.</summary>
    public long IdentifierId { get; set; }

    public string CodeHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    public DateTime? PassedAtUtc { get; set; }

    public string CreatedById { get; set; } = "";
}

public sealed class VerificationChallengeConfiguration : IEntityTypeConfiguration<VerificationChallenge>
{
    public void Configure(EntityTypeBuilder<VerificationChallenge> e)
    {
        e.ToTable("VerificationChallenges");
        e.HasIndex(x => new { x.IntakeId, x.CreatedAtUtc });
        e.Property(x => x.CodeHash).HasMaxLength(64).IsUnicode(false);
        e.Property(x => x.CreatedById).HasMaxLength(450);
        e.Property(x => x.Attempts).IsConcurrencyToken();
    }
}

/// <summary>
/// A notice to a recipient that received the person's data, asking it to delete it too (statement 6.2), tracked
/// until the recipient confirms.
/// </summary>
public sealed class RecipientDeletionNotice
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public int RecipientId { get; set; }

    public DateTime SentAtUtc { get; set; }

    public Guid? ClockId { get; set; }

    public DateTime? ConfirmedAtUtc { get; set; }

    public string? ConfirmedById { get; set; }

    public string? ConfirmationNote { get; set; }

    public int Version { get; set; }
}

public sealed class RecipientDeletionNoticeConfiguration : IEntityTypeConfiguration<RecipientDeletionNotice>
{
    public void Configure(EntityTypeBuilder<RecipientDeletionNotice> e)
    {
        e.ToTable("RecipientDeletionNotices");
        e.HasIndex(x => new { x.RequestId, x.RecipientId }).IsUnique();
        e.HasIndex(x => x.ConfirmedAtUtc);
        e.Property(x => x.ConfirmedById).HasMaxLength(450);
        e.Property(x => x.ConfirmationNote).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<DataSubjectRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Inventory.Recipient>().WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// What was erased, for whom and where, kept after the person's data is gone: identifiers only as keyed hashes.
/// Backup follow-ups hang off it, and a restored backup is checked against it.
/// </summary>
public sealed class ErasureLedgerEntry
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public long OperationId { get; set; }

    /// <summary>The lookup hashes of the person's identifiers at erasure, comma-separated.</summary>
    public string IdentifierHashes { get; set; } = "";

    /// <summary>Systems the erasure reached, comma-separated ids.</summary>
    public string SystemIds { get; set; } = "";

    public DateTime ErasedAtUtc { get; set; }
}

public sealed class ErasureLedgerEntryConfiguration : IEntityTypeConfiguration<ErasureLedgerEntry>
{
    public void Configure(EntityTypeBuilder<ErasureLedgerEntry> e)
    {
        e.ToTable("ErasureLedger");
        e.HasIndex(x => x.RequestId).IsUnique();
        e.Property(x => x.IdentifierHashes).HasMaxLength(2000).IsUnicode(false);
        e.Property(x => x.SystemIds).HasMaxLength(1000).IsUnicode(false);
    }
}

/// <summary>
/// Statement 6.2: data erased from a system may stay in its backups until they rotate. One follow-up per system
/// whose backups may still hold the person, closed when the backup set expires.
/// </summary>
public sealed class BackupDeletionFollowUp
{
    public long Id { get; set; }

    public long LedgerEntryId { get; set; }

    public int SystemId { get; set; }

    /// <summary>The backup set when the backup register knows it; null until then.</summary>
    public long? BackupSetId { get; set; }

    /// <summary>When the backups taken before the erasure will have rotated out.</summary>
    public DateTime ExpectedByUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public string? ClosedNote { get; set; }
}

public sealed class BackupDeletionFollowUpConfiguration : IEntityTypeConfiguration<BackupDeletionFollowUp>
{
    public void Configure(EntityTypeBuilder<BackupDeletionFollowUp> e)
    {
        e.ToTable("BackupDeletionFollowUps");
        e.HasIndex(x => new { x.LedgerEntryId, x.SystemId, x.BackupSetId }).IsUnique();
        e.HasIndex(x => new { x.ClosedAtUtc, x.ExpectedByUtc });
        e.Property(x => x.ClosedNote).HasMaxLength(500);
        e.HasOne<ErasureLedgerEntry>().WithMany().HasForeignKey(x => x.LedgerEntryId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// An access package handed to the person: a link with a random token (only its hash kept) that reveals nothing
/// until the code sent to a verified identifier is entered; expires, attempt-limited, downloadable once.
/// </summary>
public sealed class AccessDelivery
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public long PackageId { get; set; }

    public string TokenHash { get; set; } = "";

    public string CodeHash { get; set; } = "";

    public DateTime ExpiresAtUtc { get; set; }

    public int Attempts { get; set; }

    public DateTime? DownloadedAtUtc { get; set; }
}

public sealed class AccessDeliveryConfiguration : IEntityTypeConfiguration<AccessDelivery>
{
    public void Configure(EntityTypeBuilder<AccessDelivery> e)
    {
        e.ToTable("AccessDeliveries");
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.RequestId);
        e.Property(x => x.TokenHash).HasMaxLength(64).IsUnicode(false);
        e.Property(x => x.CodeHash).HasMaxLength(64).IsUnicode(false);
        e.Property(x => x.Attempts).IsConcurrencyToken();
        e.HasOne<DataSubjectRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
