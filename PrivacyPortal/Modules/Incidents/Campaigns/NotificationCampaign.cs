using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Incidents.Campaigns;

/// <summary>What the campaign tells people; each kind has its own template purpose and cohort.</summary>
public enum CampaignKind
{
    /// <summary>Affected people of a breach incident (PIPL art. 57).</summary>
    Breach,
    /// <summary>Everyone in the directory, about a new policy version (statement clause 7).</summary>
    PolicyChange,
    /// <summary>Everyone in the directory, before an M&amp;A transfer (statement 5.3, PIPL art. 22).</summary>
    Transfer,
}

[Flags]
public enum CampaignChannels
{
    None = 0,
    Email = 1,
    Sms = 2,
    Push = 4,
    /// <summary>A public announcement on /notices, when telling each person is impractical.</summary>
    Announcement = 8,
}

public enum CampaignStatus
{
    Draft,
    Approved,
    Running,
    Completed,
    Cancelled,
}

/// <summary>
/// A notification run to a cohort, through the outbox. Fan-out writes outbox rows chunk by chunk; each chunk's
/// rows and the <see cref="Cursor"/> move commit together, so a crash resumes after the last committed chunk and
/// nobody gets a message twice.
/// </summary>
public sealed class NotificationCampaign : IVersioned
{
    public long Id { get; set; }

    public CampaignKind Kind { get; set; }

    public string Title { get; set; } = "";

    public long? IncidentId { get; set; }

    public int? PolicyVersionId { get; set; }

    public CampaignChannels Channels { get; set; }

    /// <summary>Placeholder values in Chinese (individual messages and the Chinese announcement).</summary>
    public string ValuesZhJson { get; set; } = "{}";

    /// <summary>English values, for the English announcement; empty when there is none.</summary>
    public string ValuesEnJson { get; set; } = "{}";

    public CampaignStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string DraftedBy { get; set; } = "";

    public DateTime? TestSentAtUtc { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTime? ApprovedAtUtc { get; set; }

    public DateTime? StartedAtUtc { get; set; }

    /// <summary>Every outbox row is written.</summary>
    public DateTime? FannedOutAtUtc { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>Id of the last cohort member (affected person or subject) whose messages are written.</summary>
    public long Cursor { get; set; }

    public long CohortSize { get; set; }

    /// <summary>People handled by the fan-out so far.</summary>
    public long Reached { get; set; }

    /// <summary>Outbox rows written.</summary>
    public long Queued { get; set; }

    /// <summary>People with no address on any chosen channel (the announcement is for them).</summary>
    public long NoAddress { get; set; }

    public bool AnnouncementQueued { get; set; }

    public int Version { get; set; }

    public string CorrelationId => CorrelationFor(Id);

    public static string CorrelationFor(long id) => "campaign-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Purpose => Kind switch
    {
        CampaignKind.Breach => NotificationPurposes.BreachNotice,
        CampaignKind.PolicyChange => NotificationPurposes.PolicyChangeNotice,
        _ => NotificationPurposes.TransferNotice,
    };

    public Dictionary<string, string> ValuesZh
    {
        get => JsonSerializer.Deserialize<Dictionary<string, string>>(ValuesZhJson) ?? [];
        set => ValuesZhJson = JsonSerializer.Serialize(value);
    }

    public Dictionary<string, string> ValuesEn
    {
        get => JsonSerializer.Deserialize<Dictionary<string, string>>(ValuesEnJson) ?? [];
        set => ValuesEnJson = JsonSerializer.Serialize(value);
    }
}

public sealed class NotificationCampaignConfiguration : IEntityTypeConfiguration<NotificationCampaign>
{
    public void Configure(EntityTypeBuilder<NotificationCampaign> e)
    {
        e.ToTable("NotificationCampaigns");
        e.HasIndex(x => new { x.Status, x.IncidentId });
        e.HasIndex(x => x.IncidentId);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.ValuesZhJson).HasMaxLength(16000);
        e.Property(x => x.ValuesEnJson).HasMaxLength(16000);
        e.Property(x => x.DraftedBy).HasMaxLength(450);
        e.Property(x => x.ApprovedBy).HasMaxLength(450);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.CorrelationId);
        e.Ignore(x => x.Purpose);
        e.Ignore(x => x.ValuesZh);
        e.Ignore(x => x.ValuesEn);
        e.HasOne<Breaches.BreachIncident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PolicyVersion>().WithMany().HasForeignKey(x => x.PolicyVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A published version of the privacy policy. Consent records name the version a person accepted (by
/// <see cref="Number"/>); a policy-change campaign names what changed.
/// </summary>
public sealed class PolicyVersion : IVersioned
{
    public int Id { get; set; }

    /// <summary>The version as printed on the policy and stored on consent records, e.g. 2026.1.</summary>
    public string Number { get; set; } = "";

    public DateOnly EffectiveDate { get; set; }

    public string Summary { get; set; } = "";

    public string FullText { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }
}

public sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> e)
    {
        e.ToTable("PolicyVersions");
        e.HasIndex(x => x.Number).IsUnique();
        e.Property(x => x.Number).HasMaxLength(20);
        e.Property(x => x.Summary).HasMaxLength(2000);
        e.Property(x => x.FullText).HasMaxLength(200_000);
        e.Property(x => x.Version).IsConcurrencyToken();
        // The versions consent records already name (InventoryDemoData, RequestsOptions.PolicyVersion).
        e.HasData(
            new PolicyVersion { Id = 1, Number = "2025.1", EffectiveDate = new DateOnly(2025, 1, 1), Summary = "首次发布。", FullText = "（2025.1 版隐私政策全文）", CreatedAtUtc = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), Version = 1 },
            new PolicyVersion { Id = 2, Number = "2026.1", EffectiveDate = new DateOnly(2026, 1, 1), Summary = "网络日志保存期限依据更新为《网络安全法》第二十三条第三项（2026年1月1日起施行）。", FullText = "（2026.1 版隐私政策全文）", CreatedAtUtc = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), Version = 1 });
    }
}
