using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>
/// What was erased, for whom and where, kept after the person's data is gone: identifiers only as keyed hashes.
/// Backup follow-ups hang off it, and a restored backup is checked against it.
/// </summary>
public sealed class ErasureLedgerEntry
{
    public long Id { get; set; }

    public long RequestId { get; set; }

    public long OperationId { get; set; }

    /// <summary>The lookup hashes of the person's identifiers at erasure, comma-separated.</summary>
    public string IdentifierHashes { get; set; } = "";

    /// <summary>Systems the erasure reached, comma-separated ids.</summary>
    public string SystemIds { get; set; } = "";

    public DateTime ErasedAtUtc { get; set; }
}

public sealed class ErasureLedgerEntryConfiguration : IEntityTypeConfiguration<ErasureLedgerEntry>
{
    public void Configure(EntityTypeBuilder<ErasureLedgerEntry> e)
    {
        e.ToTable("ErasureLedger");
        e.HasIndex(x => x.RequestId).IsUnique();
        e.Property(x => x.IdentifierHashes).HasMaxLength(2000).IsUnicode(false);
        e.Property(x => x.SystemIds).HasMaxLength(1000).IsUnicode(false);
    }
}
