using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Jobs;

/// <summary>
/// One row per run of a periodic job (e.g. the audit verification of 2026-11-27). Whoever inserts it runs the
/// period; a second instance, or a second trigger, finds it taken. A claim left unfinished past its lease (the
/// instance died) is taken over.
/// </summary>
public sealed class JobRunClaim
{
    public string JobName { get; set; } = "";

    public string PeriodKey { get; set; } = "";

    public string ClaimedBy { get; set; } = "";

    public DateTime ClaimedAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }
}

public sealed class JobRunClaimConfiguration : IEntityTypeConfiguration<JobRunClaim>
{
    public void Configure(EntityTypeBuilder<JobRunClaim> e)
    {
        e.HasKey(x => new { x.JobName, x.PeriodKey });
        e.Property(x => x.JobName).HasMaxLength(64);
        e.Property(x => x.PeriodKey).HasMaxLength(32);
        e.Property(x => x.ClaimedBy).HasMaxLength(128);
    }
}
