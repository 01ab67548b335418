using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>
/// A system that holds personal information: where it is stored, which categories it holds and how the portal
/// reaches it (its connector). Requests, retention and breaches act on people's data through these.
/// </summary>
public sealed class DataSystem : IVersioned
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string OwnerTeam { get; set; } = "";

    /// <summary>Where the system's owner receives manual tasks (manual connector) and alerts.</summary>
    public string OwnerEmail { get; set; } = "";

    public string Purpose { get; set; } = "";

    /// <summary>One of <see cref="StorageRegions"/>; anything but mainland China is cross-border (statement 2.1).</summary>
    public string StorageRegion { get; set; } = StorageRegions.MainlandChina;

    public bool IsCrossBorder => StorageRegions.IsCrossBorder(StorageRegion);

    /// <summary>How long the system keeps data, in words, for the export summary until retention rules say more.</summary>
    public string RetentionNote { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public ConnectorKind ConnectorKind { get; set; } = ConnectorKind.Manual;

    /// <summary>Database connector: <c>Sqlite</c> or <c>SqlServer</c>.</summary>
    public string? DatabaseProvider { get; set; }

    /// <summary>
    /// The connection string (database connector) or shared secret (HTTP connector), encrypted with
    /// <see cref="ConnectorSecrets"/>: both can carry credentials.
    /// </summary>
    public string? SecretProtected { get; set; }

    /// <summary>HTTP connector: the system's base URL.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Database connector: the <see cref="DatabaseMapping"/> as JSON, validated against the live schema when saved.</summary>
    public string? MappingJson { get; set; }

    /// <summary>Manual connector: the checklist the owner works through, one item per line.</summary>
    public string? ManualChecklist { get; set; }

    public List<DataCategory> Categories { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }
}

public static class StorageRegions
{
    public const string MainlandChina = "CN";

    /// <summary>Regions staff pick from. HK, MO and TW are outside mainland China for PIPL's cross-border rules.</summary>
    public static readonly IReadOnlyList<string> All = [MainlandChina, "HK", "MO", "TW", "SG", "JP", "EU", "US", "Other"];

    public static bool IsCrossBorder(string region) => !string.Equals(region, MainlandChina, StringComparison.Ordinal);
}

public sealed class DataSystemConfiguration : IEntityTypeConfiguration<DataSystem>
{
    public void Configure(EntityTypeBuilder<DataSystem> e)
    {
        e.ToTable("DataSystems");
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.OwnerTeam).HasMaxLength(100);
        e.Property(x => x.OwnerEmail).HasMaxLength(256);
        e.Property(x => x.Purpose).HasMaxLength(500);
        e.Property(x => x.StorageRegion).HasMaxLength(10);
        e.Property(x => x.RetentionNote).HasMaxLength(500);
        e.Property(x => x.ConnectorKind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.DatabaseProvider).HasMaxLength(20);
        e.Property(x => x.SecretProtected).HasMaxLength(4000);
        e.Property(x => x.BaseUrl).HasMaxLength(500);
        e.Property(x => x.MappingJson).HasMaxLength(20000);
        e.Property(x => x.ManualChecklist).HasMaxLength(4000);
        e.Ignore(x => x.IsCrossBorder);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Categories).WithMany().UsingEntity("DataSystemCategories");
    }
}
