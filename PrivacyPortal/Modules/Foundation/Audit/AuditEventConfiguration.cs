using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.Foundation.Audit;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable("AuditEvents");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedNever();
        e.Property(x => x.ActorId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Action).HasMaxLength(64).IsRequired();
        e.Property(x => x.TargetType).HasMaxLength(64);
        e.Property(x => x.TargetId).HasMaxLength(64);
        e.Property(x => x.SubjectId).HasMaxLength(64);
        e.Property(x => x.ClientIp).HasMaxLength(45);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Detail).HasMaxLength(4000);
        e.Property(x => x.PreviousHash).HasMaxLength(AuditEvent.HashLength).IsFixedLength();
        e.Property(x => x.Hash).HasMaxLength(AuditEvent.HashLength).IsFixedLength();
        e.HasIndex(x => x.OccurredAtUtc);
        e.HasIndex(x => new { x.ActorId, x.OccurredAtUtc });
        // The auditor workspace filters by each of these and pages newest first: each index ends in the time (and,
        // on SQLite, the rowid, which is the sequence), so a filtered, sorted page is one index range scan.
        e.HasIndex(x => new { x.SubjectId, x.OccurredAtUtc });
        e.HasIndex(x => new { x.Action, x.OccurredAtUtc });
        e.HasIndex(x => new { x.TargetId, x.OccurredAtUtc });
        e.HasIndex(x => new { x.ClientIp, x.OccurredAtUtc });
        e.HasIndex(x => new { x.Outcome, x.OccurredAtUtc });
    }
}
