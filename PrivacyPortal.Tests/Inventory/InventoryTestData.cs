using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Inventory;

/// <summary>Generated inventory entries and people for the inventory tests (reserved domains, test-looking numbers).</summary>
internal static class InventoryTestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    public static SystemInput NewSystem(string name = "呼叫中心 CRM", string region = StorageRegions.MainlandChina, params int[] categoryIds) => new()
    {
        Name = name,
        OwnerTeam = "客服运营部",
        OwnerEmail = "crm-owners@portal.test",
        Purpose = "记录 400 热线来电与工单",
        StorageRegion = region,
        CategoryIds = categoryIds.Length == 0 ? [1, 2] : categoryIds,
    };

    public static RecipientInput NewRecipient(string name = "云短信服务商", string region = StorageRegions.MainlandChina, params int[] categoryIds) => new()
    {
        Name = name,
        Type = RecipientType.Processor,
        Region = region,
        DeletionContact = "privacy@sms-vendor.example.com",
        LegalBasis = RecipientLegalBasis.Contract,
        AgreementReference = "DPA-2026-014",
        CategoryIds = categoryIds.Length == 0 ? [2] : categoryIds,
    };

    public static async Task<long> SubjectAsync(ServiceHarness harness, params IdentifierInput[] identifiers)
    {
        var (errors, id) = await harness.Get<SubjectDirectory>().CreateAsync(identifiers);
        Assert.True(errors.IsValid, string.Join(", ", errors));
        return id!.Value;
    }

    public static async Task<List<AuditEvent>> AuditAsync(ServiceHarness harness, string actionPrefix)
    {
        await using var db = harness.Database.CreateDbContext();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Action.StartsWith(actionPrefix)).OrderBy(e => e.Sequence).ToListAsync();
    }
}
