using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>
/// A purpose of use (statement 4). Essential purposes are what the service needs; the others rest on consent,
/// which a person may withdraw (statement 6.5), and a use unrelated to the first ones needs consent again.
/// </summary>
public sealed class Purpose : IVersioned
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string DescriptionZh { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public bool IsEssential { get; set; }

    public List<DataCategory> Categories { get; set; } = [];

    public List<DataSystem> Systems { get; set; } = [];

    public int Version { get; set; }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

public static class Purposes
{
    public static IEnumerable<Purpose> Defaults() =>
    [
        new() { Id = 1, Key = "service", IsEssential = true, NameZh = "提供服务", NameEn = "Providing the service",
            DescriptionZh = "向您提供服务。", DescriptionEn = "Providing the service you signed up for." },
        new() { Id = 2, Key = "personalisation", NameZh = "个性化需求", NameEn = "Personalisation",
            DescriptionZh = "语言设定、位置设定、个性化的帮助服务和指示。", DescriptionEn = "Language and location settings, personalised help and guidance." },
        new() { Id = 3, Key = "improvement", NameZh = "服务优化和开发", NameEn = "Service improvement",
            DescriptionZh = "根据系统响应您的需求时产生的信息优化服务。", DescriptionEn = "Improving the service from the information produced while serving you." },
        new() { Id = 4, Key = "security", IsEssential = true, NameZh = "安全防范与诈骗监测", NameEn = "Security and fraud prevention",
            DescriptionZh = "身份验证、安全防范、投诉处理、纠纷协调、诈骗监测。", DescriptionEn = "Identity checks, security, complaint handling, dispute resolution and fraud detection." },
        new() { Id = 5, Key = "recommendation", NameZh = "推荐相关服务", NameEn = "Recommending related services",
            DescriptionZh = "向您提供您可能感兴趣的类似功能或服务。", DescriptionEn = "Suggesting similar features or services you may be interested in." },
        new() { Id = 6, Key = "survey", NameZh = "产品和服务调查", NameEn = "Surveys",
            DescriptionZh = "邀请您参与有关产品和服务的调查。", DescriptionEn = "Inviting you to surveys about our products and services." },
    ];
}

public sealed class PurposeConfiguration : IEntityTypeConfiguration<Purpose>
{
    public void Configure(EntityTypeBuilder<Purpose> e)
    {
        e.ToTable("Purposes");
        e.HasIndex(x => x.Key).IsUnique();
        e.Property(x => x.Key).HasMaxLength(48);
        e.Property(x => x.NameZh).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(100);
        e.Property(x => x.DescriptionZh).HasMaxLength(1000);
        e.Property(x => x.DescriptionEn).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Categories).WithMany().UsingEntity("PurposeCategories");
        e.HasMany(x => x.Systems).WithMany().UsingEntity("PurposeSystems");
        e.HasData(Purposes.Defaults());
    }
}

/// <summary>
/// One consent event for one person and one purpose. Records are appended, never changed: the latest per
/// (subject, purpose) is the current state, and the history shows when and how it changed.
/// </summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }

    public long SubjectId { get; set; }

    public int PurposeId { get; set; }

    public Purpose? Purpose { get; set; }

    public bool Given { get; set; }

    public DateTime AtUtc { get; set; }

    public ConsentChannel Channel { get; set; }

    /// <summary>The privacy-policy version the person saw, e.g. 2026.1.</summary>
    public string PolicyVersion { get; set; } = "";

    /// <summary>The staff member who recorded it (hotline, import); null when the person acted themselves.</summary>
    public string? RecordedById { get; set; }

    /// <summary>The request that withdrew it, when it came through one.</summary>
    public long? RequestId { get; set; }
}

public enum ConsentChannel
{
    App,
    Web,
    Hotline400,
    OnlineChat,
    Email,
    Letter,
    Import,
}

public sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> e)
    {
        e.ToTable("ConsentRecords");
        e.HasIndex(x => new { x.SubjectId, x.PurposeId, x.AtUtc });
        e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.PolicyVersion).HasMaxLength(20);
        e.Property(x => x.RecordedById).HasMaxLength(450);
        e.HasOne(x => x.Purpose).WithMany().HasForeignKey(x => x.PurposeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Subjects.DataSubject>().WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
