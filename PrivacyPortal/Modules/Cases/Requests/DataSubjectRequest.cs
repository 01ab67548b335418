using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>
/// A data-subject request (个人信息主体权利请求), one per type: a call that raises two requests makes two cases
/// sharing an <see cref="IntakeId"/>, each with its own clock, decision and fulfilment.
/// </summary>
public sealed class DataSubjectRequest : IVersioned
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

    /// <summary>
    /// Under China's rules, the outer limit beside the target (30 calendar days, GB/T 35273-2020 §8.7): it keeps
    /// running through pauses it does not honour. Null for the GDPR and for cases taken before it was started.
    /// </summary>
    public Guid? HardStopClockId { get; set; }

    /// <summary>Mirrors the outer-limit clock's due instant, as <see cref="DueAtUtc"/> mirrors the target's.</summary>
    public DateTime? OuterDueAtUtc { get; set; }

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
        "LegalDuty", "CourtOrder", "GovernmentRequest", "MaliceOrAbuse", "GroundlessRepetition", "SeriousHarmToOthers", "TradeSecret", "ExcessiveTechnicalMeans", "Impractical",
    ];
}

public sealed class DataSubjectRequestConfiguration : IEntityTypeConfiguration<DataSubjectRequest>
{
    public void Configure(EntityTypeBuilder<DataSubjectRequest> e)
    {
        e.ToTable("DataSubjectRequests");
        e.HasIndex(x => x.CaseNumber).IsUnique();
        e.HasIndex(x => new { x.Status, x.DueAtUtc });
        e.HasIndex(x => new { x.Status, x.OuterDueAtUtc });
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
        e.HasOne<PrivacyPortal.Modules.DataPlane.Subjects.DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
