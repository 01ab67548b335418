using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Inventory.InventoryTestData;

namespace PrivacyPortal.Tests.Inventory;

public sealed class SystemServiceTests : IAsyncLifetime
{
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(Now);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task A_new_system_is_saved_with_its_categories_flagged_cross_border_outside_the_mainland_and_audited_without_the_owner_address()
    {
        var systems = harness.Get<SystemService>();
        var result = await systems.SaveAsync(NewSystem("海外营销平台", "SG", 2, 5));

        Assert.Equal(InventoryChange.Done, result.Change);
        var row = Assert.Single(await systems.ListAsync());
        Assert.True(row.IsCrossBorder);
        Assert.Equal(ConnectorKind.Manual, row.ConnectorKind);
        Assert.Equal([DataCategories.Contact, DataCategories.PreciseLocation], row.Categories.Select(c => c.Key));
        var audit = Assert.Single(await AuditAsync(harness, "data-system."));
        Assert.Equal("data-system.created", audit.Action);
        Assert.Equal(result.Id.ToString(), audit.TargetId);
        Assert.Contains("\"crossBorder\":true", audit.Detail);
        Assert.DoesNotContain("crm-owners@portal.test", audit.Detail);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_and_nothing_is_saved()
    {
        var input = new SystemInput { Name = " ", OwnerTeam = "", OwnerEmail = "crm-owners(at)portal", Purpose = "", StorageRegion = "Mars", CategoryIds = [] };
        var result = await harness.Get<SystemService>().SaveAsync(input);

        Assert.Equal(InventoryChange.Invalid, result.Change);
        Assert.Equal("Validation.Required", result.Errors.For("Name"));
        Assert.Equal("Validation.Required", result.Errors.For("OwnerTeam"));
        Assert.Equal("Validation.Email", result.Errors.For("OwnerEmail"));
        Assert.Equal("Validation.Required", result.Errors.For("Purpose"));
        Assert.Equal("Inventory.Region.Invalid", result.Errors.For("StorageRegion"));
        Assert.Equal("Inventory.Categories.Required", result.Errors.For("CategoryIds"));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(0, await db.Set<DataSystem>().CountAsync());
        Assert.Empty(await AuditAsync(harness, "data-system."));
    }

    [Fact]
    public async Task A_category_that_does_not_exist_is_refused()
    {
        var result = await harness.Get<SystemService>().SaveAsync(NewSystem("计费系统", StorageRegions.MainlandChina, 2, 999));
        Assert.Equal("Inventory.Categories.Unknown", result.Errors.For("CategoryIds"));
    }

    [Fact]
    public async Task Two_systems_cannot_share_a_name_even_in_another_case()
    {
        var systems = harness.Get<SystemService>();
        Assert.Equal(InventoryChange.Done, (await systems.SaveAsync(NewSystem("Billing"))).Change);
        var second = await systems.SaveAsync(NewSystem("billing"));
        Assert.Equal("Inventory.System.NameTaken", second.Errors.For("Name"));
        Assert.Single(await systems.ListAsync());
    }

    [Fact]
    public async Task A_stale_edit_is_a_conflict_and_category_changes_are_kept_from_the_first()
    {
        var systems = harness.Get<SystemService>();
        await systems.SaveAsync(NewSystem("计费系统", StorageRegions.MainlandChina, 1, 2));
        var loaded = Assert.Single(await systems.ListAsync());

        var first = loaded.ToInput();
        first.CategoryIds = [3];
        first.StorageRegion = "HK";
        Assert.Equal(InventoryChange.Done, (await systems.SaveAsync(first)).Change);
        var second = loaded.ToInput();
        second.CategoryIds = [1, 2, 4];
        Assert.Equal(InventoryChange.Conflict, (await systems.SaveAsync(second)).Change);

        var now = Assert.Single(await systems.ListAsync());
        Assert.Equal([3], now.Categories.Select(c => c.Id));
        Assert.True(now.IsCrossBorder);
        Assert.Equal(1, now.Version);
    }

    [Fact]
    public async Task A_system_with_data_flows_cannot_be_deleted_one_without_can()
    {
        var systems = harness.Get<SystemService>();
        var used = await systems.SaveAsync(NewSystem("计费系统"));
        var unused = await systems.SaveAsync(NewSystem("旧版官网"));
        var recipients = harness.Get<RecipientService>();
        var recipient = await recipients.SaveAsync(NewRecipient());
        Assert.Equal(InventoryChange.Done, (await recipients.SaveFlowAsync(new FlowInput { SystemId = used.Id!.Value, RecipientId = recipient.Id!.Value })).Change);

        var refused = await systems.DeleteAsync(used.Id.Value, 0);
        Assert.Equal(InventoryChange.InUse, refused.Change);
        Assert.Equal(["云短信服务商"], Assert.Single(refused.Usage).Names);

        Assert.Equal(InventoryChange.Done, (await systems.DeleteAsync(unused.Id!.Value, 0)).Change);
        Assert.Equal(["计费系统"], (await systems.ListAsync()).Select(s => s.Name));
        Assert.Single(await AuditAsync(harness, "data-system.deleted"));
    }
}
