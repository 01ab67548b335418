using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>A third party personal information is shared with (statement 5.1-5.3): a deletion later notifies it.</summary>
public sealed class Recipient : IVersioned
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public RecipientType Type { get; set; }

    public string Region { get; set; } = StorageRegions.MainlandChina;

    public bool IsCrossBorder => StorageRegions.IsCrossBorder(Region);

    /// <summary>Where deletion notices go (statement 6.2: we tell those we shared with to delete too).</summary>
    public string DeletionContact { get; set; } = "";

    public RecipientLegalBasis LegalBasis { get; set; }

    /// <summary>The data-processing or sharing agreement, e.g. DPA-2026-014.</summary>
    public string AgreementReference { get; set; } = "";

    public List<DataCategory> Categories { get; set; } = [];

    public bool IsActive { get; set; } = true;

    public int Version { get; set; }
}

public enum RecipientType
{
    Processor,
    Affiliate,
    Partner,
    Authority,
    Acquirer,
}

/// <summary>Statement 5.1 consent, 5.2 processing under contract, 5.4 legal duty, 5.3 merger or acquisition.</summary>
public enum RecipientLegalBasis
{
    Consent,
    Contract,
    LegalDuty,
    MergerAcquisition,
}

/// <summary>Personal information flows from a system to a recipient.</summary>
public sealed class DataFlow : IVersioned
{
    public int Id { get; set; }

    public int SystemId { get; set; }

    public DataSystem? System { get; set; }

    public int RecipientId { get; set; }

    public Recipient? Recipient { get; set; }

    public string Description { get; set; } = "";

    public int Version { get; set; }
}

public sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> e)
    {
        e.ToTable("Recipients");
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Region).HasMaxLength(10);
        e.Property(x => x.DeletionContact).HasMaxLength(256);
        e.Property(x => x.LegalBasis).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.AgreementReference).HasMaxLength(100);
        e.Ignore(x => x.IsCrossBorder);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Categories).WithMany().UsingEntity("RecipientCategories");
    }
}

public sealed class DataFlowConfiguration : IEntityTypeConfiguration<DataFlow>
{
    public void Configure(EntityTypeBuilder<DataFlow> e)
    {
        e.ToTable("DataFlows");
        e.HasIndex(x => new { x.SystemId, x.RecipientId }).IsUnique();
        e.Property(x => x.Description).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.System).WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Recipient).WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}
