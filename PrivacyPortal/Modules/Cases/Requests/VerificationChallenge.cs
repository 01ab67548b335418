using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.Cases.Requests;

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
