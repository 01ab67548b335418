using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>
/// A disclosure to an authority, court or other party (statement 5.4). The statement promises to tell the people
/// concerned in time, so each disclosure carries the task of informing them once the law allows.
/// </summary>
public sealed class Disclosure : IVersioned
{
    public int Id { get; set; }

    /// <summary>The requesting body's reference, e.g. the case or document number.</summary>
    public string Reference { get; set; } = "";

    public string RequestingBody { get; set; } = "";

    /// <summary>The register entry when the body is a known recipient (an authority), otherwise null.</summary>
    public int? RecipientId { get; set; }

    public Recipient? Recipient { get; set; }

    public DisclosureBasis Basis { get; set; }

    public DateTime DisclosedAtUtc { get; set; }

    public string Note { get; set; } = "";

    public List<DataCategory> Categories { get; set; } = [];

    public List<DisclosureSubject> Subjects { get; set; } = [];

    /// <summary>The people may not be told before this instant (e.g. an investigation's confidentiality); null: as soon as possible.</summary>
    public DateTime? InformNotBeforeUtc { get; set; }

    /// <summary>When the people were told; null while the task is open.</summary>
    public DateTime? InformedAtUtc { get; set; }

    public string? InformedById { get; set; }

    public string RecordedById { get; set; } = "";

    public DateTime RecordedAtUtc { get; set; }

    public int Version { get; set; }
}

/// <summary>The grounds of statement 5.4, in its order.</summary>
public enum DisclosureBasis
{
    /// <summary>遵守适用的法律法规等有关规定。</summary>
    LegalDuty,
    /// <summary>遵守法院判决、裁定或其他法律程序的规定。</summary>
    CourtOrder,
    /// <summary>遵守相关政府机关或其他有权机关的要求。</summary>
    GovernmentRequest,
    /// <summary>我们有理由确信需遵守法律法规等有关规定。</summary>
    LegalBelief,
    /// <summary>执行协议、维护公共利益、处理投诉/纠纷、保护人身和财产安全。</summary>
    AgreementsAndSafety,
    /// <summary>经过您合法授权的情况下。</summary>
    SubjectAuthorisation,
}

public sealed class DisclosureSubject
{
    public int DisclosureId { get; set; }

    public long SubjectId { get; set; }
}

public sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> e)
    {
        e.ToTable("Disclosures");
        e.HasIndex(x => x.DisclosedAtUtc);
        e.HasIndex(x => x.InformedAtUtc);
        e.Property(x => x.Reference).HasMaxLength(100);
        e.Property(x => x.RequestingBody).HasMaxLength(200);
        e.Property(x => x.Basis).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.InformedById).HasMaxLength(450);
        e.Property(x => x.RecordedById).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasOne(x => x.Recipient).WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Categories).WithMany().UsingEntity("DisclosureCategories");
        e.HasMany(x => x.Subjects).WithOne().HasForeignKey(x => x.DisclosureId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisclosureSubjectConfiguration : IEntityTypeConfiguration<DisclosureSubject>
{
    public void Configure(EntityTypeBuilder<DisclosureSubject> e)
    {
        e.ToTable("DisclosureSubjects");
        e.HasKey(x => new { x.DisclosureId, x.SubjectId });
        e.HasIndex(x => x.SubjectId);
        e.HasOne<Subjects.DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
