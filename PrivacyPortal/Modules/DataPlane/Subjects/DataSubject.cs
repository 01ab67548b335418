using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.DataPlane.Subjects;

/// <summary>
/// A personal information subject (个人信息主体), known to the portal only by identifiers. The portal keeps no name:
/// the audit trail, cases and logs refer to a person by <see cref="Id"/>.
/// </summary>
public sealed class DataSubject
{
    public long Id { get; set; }

    /// <summary>Shown to staff and read out on the phone instead of any personal value.</summary>
    public string Reference => FormatReference(Id);

    public DateTime CreatedAtUtc { get; set; }

    public List<SubjectIdentifier> Identifiers { get; set; } = [];

    public static string FormatReference(long id) => $"S-{id:D6}";
}

public sealed class DataSubjectConfiguration : IEntityTypeConfiguration<DataSubject>
{
    public void Configure(EntityTypeBuilder<DataSubject> e)
    {
        e.ToTable("DataSubjects");
        e.Ignore(x => x.Reference);
        e.HasMany(x => x.Identifiers).WithOne().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// One way to recognise a person. The value is encrypted (ASP.NET Data Protection); <see cref="LookupHash"/> is a
/// keyed hash of the normalised value for exact lookup, as Fides stores provided identities; <see cref="Masked"/>
/// is what the screen shows.
/// </summary>
public sealed class SubjectIdentifier
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public IdentifierKind Kind { get; set; }

    public string ValueProtected { get; set; } = "";

    /// <summary>HMAC-SHA256 of kind and normalised value, lowercase hex.</summary>
    public string LookupHash { get; set; } = "";

    public string Masked { get; set; } = "";

    /// <summary>Contact identifiers confirmed as the person's own (one-time codes go only to these).</summary>
    public bool IsVerified { get; set; }

    public DateTime AddedAtUtc { get; set; }
}

public enum IdentifierKind
{
    Phone,
    Email,
    AccountId,
}

public sealed class SubjectIdentifierConfiguration : IEntityTypeConfiguration<SubjectIdentifier>
{
    public void Configure(EntityTypeBuilder<SubjectIdentifier> e)
    {
        e.ToTable("SubjectIdentifiers");
        // One person per value: the lookup is exact, and two people can't share a phone number in the directory.
        e.HasIndex(x => x.LookupHash).IsUnique();
        e.HasIndex(x => x.SubjectId);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ValueProtected).HasMaxLength(1000);
        e.Property(x => x.LookupHash).HasMaxLength(64).IsUnicode(false);
        e.Property(x => x.Masked).HasMaxLength(100);
    }
}

/// <summary>What one system said it holds on one person at the last discovery: the person's data map.</summary>
public sealed class SubjectDiscovery
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public int SystemId { get; set; }

    public Connectors.StepStatus Status { get; set; }

    /// <summary>Rows per category key, as JSON; empty when the system could not count (manual systems, failures).</summary>
    public string CountsJson { get; set; } = "{}";

    public string? Error { get; set; }

    public DateTime AtUtc { get; set; }
}

public sealed class SubjectDiscoveryConfiguration : IEntityTypeConfiguration<SubjectDiscovery>
{
    public void Configure(EntityTypeBuilder<SubjectDiscovery> e)
    {
        e.ToTable("SubjectDiscoveries");
        e.HasIndex(x => new { x.SubjectId, x.SystemId }).IsUnique();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.CountsJson).HasMaxLength(4000);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasOne<DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Inventory.DataSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.Cascade);
    }
}
