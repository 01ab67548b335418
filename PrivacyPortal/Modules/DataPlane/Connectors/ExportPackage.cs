using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>
/// The package an export operation produces: a zip (one JSON and one CSV per category, a summary in Chinese and
/// English), stored encrypted under App_Data and deleted when it expires.
/// </summary>
public sealed class ExportPackage
{
    public long Id { get; set; }

    public long OperationId { get; set; }

    public long SubjectId { get; set; }

    /// <summary>Relative to the export folder.</summary>
    public string FileName { get; set; } = "";

    public long SizeBytes { get; set; }

    public long Rows { get; set; }

    /// <summary>SHA-256 of the zip (before encryption), lowercase hex: what the person receives can be checked.</summary>
    public string Sha256 { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>Set when the file was deleted (expired); the row stays as the record that it existed.</summary>
    public DateTime? DeletedAtUtc { get; set; }
}

public sealed class ExportPackageConfiguration : IEntityTypeConfiguration<ExportPackage>
{
    public void Configure(EntityTypeBuilder<ExportPackage> e)
    {
        e.ToTable("ExportPackages");
        e.HasIndex(x => x.OperationId).IsUnique();
        e.HasIndex(x => x.SubjectId);
        e.HasIndex(x => x.ExpiresAtUtc);
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.Sha256).HasMaxLength(64).IsUnicode(false);
        e.HasOne<SubjectOperation>().WithMany().HasForeignKey(x => x.OperationId).OnDelete(DeleteBehavior.Restrict);
    }
}
