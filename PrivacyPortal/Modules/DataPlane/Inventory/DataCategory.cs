using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>
/// A kind of personal information the company holds (statement 1.1-1.3). Names and descriptions are kept in both
/// UI languages because compliance officers add categories of their own.
/// </summary>
public sealed class DataCategory : IVersioned
{
    public int Id { get; set; }

    /// <summary>Stable key used by connector mappings and exports, e.g. <c>contact</c>.</summary>
    public string Key { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string DescriptionZh { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    /// <summary>Sensitive personal information (PIPL art. 28), e.g. precise location.</summary>
    public bool IsSensitive { get; set; }

    public int Version { get; set; }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    public string Description(bool chinese) => chinese ? DescriptionZh : DescriptionEn;
}

public static class DataCategories
{
    public const string AccountIdentity = "account-identity";
    public const string Contact = "contact";
    public const string DeviceUsage = "device-usage";
    public const string Browsing = "browsing";
    public const string PreciseLocation = "precise-location";
    public const string Delivery = "delivery";

    public static IEnumerable<DataCategory> Defaults() =>
    [
        new() { Id = 1, Key = AccountIdentity, NameZh = "账户身份信息", NameEn = "Account identity",
            DescriptionZh = "注册、登录和管理账户所需的名称、联系人（隐私声明 1.1）。", DescriptionEn = "Name and contact person needed to register, sign in and manage an account (statement 1.1)." },
        new() { Id = 2, Key = Contact, NameZh = "联系方式", NameEn = "Contact details",
            DescriptionZh = "电子邮箱、联系电话（隐私声明 1.1）。", DescriptionEn = "E-mail address and phone number (statement 1.1)." },
        new() { Id = 3, Key = DeviceUsage, NameZh = "设备及使用日志", NameEn = "Device and usage logs",
            DescriptionZh = "IMEI、IP 地址、浏览器类型、使用的语言、访问日期和时间、软硬件特征信息、用户标识符（隐私声明 1.2）。",
            DescriptionEn = "IMEI, IP address, browser type, language, access dates and times, device traits and user id (statement 1.2)." },
        new() { Id = 4, Key = Browsing, NameZh = "网页浏览记录", NameEn = "Browsing records",
            DescriptionZh = "使用服务期间的网页浏览记录（隐私声明 1.2）。", DescriptionEn = "Pages visited while using the service (statement 1.2)." },
        new() { Id = 5, Key = PreciseLocation, NameZh = "精准定位信息", NameEn = "Precise location", IsSensitive = true,
            DescriptionZh = "GPS 精准位置，属于敏感个人信息（《个人信息保护法》第二十八条）。", DescriptionEn = "GPS position; sensitive personal information under PIPL art. 28." },
        new() { Id = 6, Key = Delivery, NameZh = "线下交付联系人及地址", NameEn = "Offline delivery contact and address",
            DescriptionZh = "申请线下交付或产品测试时提供的联系人、联系方式、地址（隐私声明 1.3）。",
            DescriptionEn = "Contact person, phone and address given for offline delivery or product trials (statement 1.3)." },
    ];
}

public sealed class DataCategoryConfiguration : IEntityTypeConfiguration<DataCategory>
{
    public void Configure(EntityTypeBuilder<DataCategory> e)
    {
        e.ToTable("DataCategories");
        e.HasIndex(x => x.Key).IsUnique();
        e.Property(x => x.Key).HasMaxLength(48);
        e.Property(x => x.NameZh).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(100);
        e.Property(x => x.DescriptionZh).HasMaxLength(1000);
        e.Property(x => x.DescriptionEn).HasMaxLength(1000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasData(DataCategories.Defaults());
    }
}
