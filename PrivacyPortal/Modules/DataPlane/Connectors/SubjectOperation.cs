using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>
/// An export or erasure of one person's data across every system, with one <see cref="SubjectOperationStep"/> per
/// system. The steps are the durable state: a run that fails or is killed half-way is run again and redoes only
/// the steps not yet done.
/// </summary>
public sealed class SubjectOperation
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public OperationKind Kind { get; set; }

    public OperationStatus Status { get; set; }

    /// <summary>Why it was started, e.g. a request's case number; shown with the result and in the audit trail.</summary>
    public string Reason { get; set; } = "";

    /// <summary>The data-subject request it fulfils, when there is one.</summary>
    public long? RequestId { get; set; }

    public string RequestedById { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>A run holds the operation until this instant, so two instances never run it at once.</summary>
    public DateTime? LeaseUntilUtc { get; set; }

    public List<SubjectOperationStep> Steps { get; set; } = [];
}

public enum OperationKind
{
    Export,
    Erase,
}

public enum OperationStatus
{
    /// <summary>Created or interrupted; a run will pick it up.</summary>
    Running,
    /// <summary>Every step done.</summary>
    Completed,
    /// <summary>Every step done or waiting on a system owner's task.</summary>
    WaitingOnTasks,
    /// <summary>At least one step failed; can be retried.</summary>
    Failed,
}

public sealed class SubjectOperationStep
{
    public long Id { get; set; }

    public long OperationId { get; set; }

    public int SystemId { get; set; }

    public StepStatus Status { get; set; }

    public long Rows { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    /// <summary>The owner's task, for manual systems.</summary>
    public long? TaskId { get; set; }

    public DateTime? CompletedAtUtc { get; set; }
}

public enum StepStatus
{
    Pending,
    Done,
    /// <summary>Handed to the system owner as a task (manual systems).</summary>
    Waiting,
    Failed,
}

public sealed class SubjectOperationConfiguration : IEntityTypeConfiguration<SubjectOperation>
{
    public void Configure(EntityTypeBuilder<SubjectOperation> e)
    {
        e.ToTable("SubjectOperations");
        e.HasIndex(x => new { x.SubjectId, x.CreatedAtUtc });
        e.HasIndex(x => x.Status);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.RequestedById).HasMaxLength(450);
        e.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Subjects.DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SubjectOperationStepConfiguration : IEntityTypeConfiguration<SubjectOperationStep>
{
    public void Configure(EntityTypeBuilder<SubjectOperationStep> e)
    {
        e.ToTable("SubjectOperationSteps");
        e.HasIndex(x => new { x.OperationId, x.SystemId }).IsUnique();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasOne<Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
    }
}
