using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>
/// Work for a system owner where the portal cannot reach the system itself (manual connector): a checklist, done
/// when the owner records completion with an evidence note.
/// </summary>
public sealed class ConnectorTask : IVersioned
{
    public long Id { get; set; }

    public int SystemId { get; set; }

    public long SubjectId { get; set; }

    /// <summary>The operation step that created it; unique, so a retried operation never creates a second task.</summary>
    public long? OperationStepId { get; set; }

    public ConnectorTaskKind Kind { get; set; }

    public ConnectorTaskStatus Status { get; set; }

    /// <summary>The system's checklist at the time the task was made, one item per line.</summary>
    public string Checklist { get; set; } = "";

    /// <summary>What the owner did and where the evidence is, recorded at completion.</summary>
    public string? EvidenceNote { get; set; }

    /// <summary>Rows or records the owner reports handling.</summary>
    public long? Rows { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string? CompletedById { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    public int Version { get; set; }
}

public enum ConnectorTaskKind
{
    Export,
    Erase,
    Correct,
    Purge,
}

public enum ConnectorTaskStatus
{
    Open,
    Done,
    Cancelled,
}

public sealed class ConnectorTaskConfiguration : IEntityTypeConfiguration<ConnectorTask>
{
    public void Configure(EntityTypeBuilder<ConnectorTask> e)
    {
        e.ToTable("ConnectorTasks");
        e.HasIndex(x => x.OperationStepId).IsUnique();
        e.HasIndex(x => new { x.Status, x.SystemId });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Checklist).HasMaxLength(4000);
        e.Property(x => x.EvidenceNote).HasMaxLength(2000);
        e.Property(x => x.CompletedById).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne<Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Subjects.DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
