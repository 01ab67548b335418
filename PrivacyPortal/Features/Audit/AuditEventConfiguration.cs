using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Features.Audit;

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
        e.HasIndex(x => x.SubjectId);
    }
}
