using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Inventory.InventoryTestData;

namespace PrivacyPortal.Tests.Inventory;

public sealed class CategoryServiceTests : IAsyncLifetime
{
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(Now);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static CategoryInput Valid() => new()
    {
        Key = "call-records", NameZh = "通话记录", NameEn = "Call records",
        DescriptionZh = "主叫、被叫号码及通话时间。", DescriptionEn = "Calling and called numbers and call times.",
    };

    [Fact]
    public async Task The_statement_categories_are_seeded_with_both_languages_and_precise_location_is_sensitive()
    {
        var rows = await harness.Get<CategoryService>().ListAsync();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.NameZh) || string.IsNullOrWhiteSpace(r.DescriptionEn)));
        Assert.Equal([DataCategories.PreciseLocation], rows.Where(r => r.IsSensitive).Select(r => r.Key));
    }

    [Fact]
    public async Task A_category_without_names_or_with_a_bad_key_is_refused_and_nothing_is_saved()
    {
        var input = Valid();
        input.Key = "Call Records";
        input.NameEn = " ";
        input.DescriptionZh = "";
        var result = await harness.Get<CategoryService>().SaveAsync(input);

        Assert.Equal(InventoryChange.Invalid, result.Change);
        Assert.Equal("Inventory.Key.Invalid", result.Errors.For("Key"));
        Assert.Equal("Validation.Required", result.Errors.For("NameEn"));
        Assert.Equal("Validation.Required", result.Errors.For("DescriptionZh"));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(6, await db.Set<DataCategory>().CountAsync());
        Assert.Empty(await AuditAsync(harness, "data-category."));
    }

    [Fact]
    public async Task Names_and_keys_are_unique_whatever_their_case()
    {
        var categories = harness.Get<CategoryService>();
        var input = Valid();
        input.Key = DataCategories.Contact;
        input.NameEn = "CONTACT DETAILS";
        var result = await categories.SaveAsync(input);

        Assert.Equal("Inventory.Category.KeyTaken", result.Errors.For("Key"));
        Assert.Equal("Inventory.Category.NameTaken", result.Errors.For("NameEn"));
        Assert.Null(result.Errors.For("NameZh"));
    }

    [Fact]
    public async Task A_second_edit_from_a_stale_form_is_a_conflict_and_keeps_the_first()
    {
        var categories = harness.Get<CategoryService>();
        var created = await categories.SaveAsync(Valid());
        Assert.Equal(InventoryChange.Done, created.Change);
        var loaded = (await categories.ListAsync()).Single(c => c.Id == created.Id);

        var first = loaded.ToInput();
        first.NameZh = "通话详单";
        Assert.Equal(InventoryChange.Done, (await categories.SaveAsync(first)).Change);
        var second = loaded.ToInput();
        second.NameZh = "通话清单";
        Assert.Equal(InventoryChange.Conflict, (await categories.SaveAsync(second)).Change);

        Assert.Equal("通话详单", (await categories.ListAsync()).Single(c => c.Id == created.Id).NameZh);
        Assert.Equal(["data-category.created", "data-category.changed"], (await AuditAsync(harness, "data-category.")).Select(e => e.Action));
    }

    [Fact]
    public async Task A_category_in_use_cannot_be_deleted_and_the_refusal_says_where()
    {
        var systems = harness.Get<SystemService>();
        Assert.Equal(InventoryChange.Done, (await systems.SaveAsync(NewSystem("计费系统", StorageRegions.MainlandChina, 2, 3))).Change);
        Assert.Equal(InventoryChange.Done, (await harness.Get<RecipientService>().SaveAsync(NewRecipient("短信通道商", StorageRegions.MainlandChina, 2))).Change);
        var categories = harness.Get<CategoryService>();
        var contact = (await categories.ListAsync()).Single(c => c.Key == DataCategories.Contact);
        Assert.Equal((1, 1), (contact.Systems, contact.Recipients));

        var refused = await categories.DeleteAsync(contact.Id, contact.Version);

        Assert.Equal(InventoryChange.InUse, refused.Change);
        Assert.Contains(refused.Usage, u => u.Kind == "Systems" && u.Names.SequenceEqual(["计费系统"]));
        Assert.Contains(refused.Usage, u => u.Kind == "Recipients" && u.Names.SequenceEqual(["短信通道商"]));
        Assert.Contains((await categories.ListAsync()), c => c.Key == DataCategories.Contact);
        Assert.Empty(await AuditAsync(harness, "data-category.deleted"));

        // An unused one goes, and the trail says so.
        var created = await categories.SaveAsync(Valid());
        Assert.Equal(InventoryChange.Done, (await categories.DeleteAsync(created.Id!.Value, 0)).Change);
        Assert.Single(await AuditAsync(harness, "data-category.deleted"));
    }
}
