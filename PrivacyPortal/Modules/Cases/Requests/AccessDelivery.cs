using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.Cases.Requests;

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
