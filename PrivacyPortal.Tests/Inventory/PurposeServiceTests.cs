using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Inventory.InventoryTestData;

namespace PrivacyPortal.Tests.Inventory;

public sealed class PurposeServiceTests : IAsyncLifetime
{
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(Now);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static PurposeInput Valid() => new()
    {
        Key = "marketing-sms", NameZh = "营销短信", NameEn = "Marketing SMS",
        DescriptionZh = "向您发送产品活动短信。", DescriptionEn = "Sending product campaign text messages.", CategoryIds = [2],
    };

    [Fact]
    public async Task The_statement_purposes_are_seeded_with_service_and_security_essential()
    {
        var rows = await harness.Get<PurposeService>().ListAsync();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["service", "security"], rows.Where(p => p.IsEssential).Select(p => p.Key));
    }

    [Fact]
    public async Task A_purpose_records_its_categories_and_systems_and_a_stale_edit_is_a_conflict()
    {
        var system = (await harness.Get<SystemService>().SaveAsync(NewSystem("营销平台", "SG"))).Id!.Value;
        var purposes = harness.Get<PurposeService>();
        var input = Valid();
        input.SystemIds = [system];
        var created = await purposes.SaveAsync(input);
        Assert.Equal(InventoryChange.Done, created.Change);

        var loaded = (await purposes.ListAsync()).Single(p => p.Id == created.Id);
        Assert.Equal(["营销平台"], loaded.Systems.Select(s => s.Name));
        Assert.True(loaded.Systems[0].IsCrossBorder);
        var first = loaded.ToInput();
        first.SystemIds = [];
        Assert.Equal(InventoryChange.Done, (await purposes.SaveAsync(first)).Change);
        Assert.Equal(InventoryChange.Conflict, (await purposes.SaveAsync(loaded.ToInput())).Change);
        Assert.Empty((await purposes.ListAsync()).Single(p => p.Id == created.Id).Systems);
    }

    [Fact]
    public async Task Missing_names_and_taken_keys_are_refused_and_nothing_is_saved()
    {
        var purposes = harness.Get<PurposeService>();
        var input = Valid();
        input.Key = "service";
        input.NameZh = "";
        input.SystemIds = [12345];
        var result = await purposes.SaveAsync(input);

        Assert.Equal("Inventory.Purpose.KeyTaken", result.Errors.For("Key"));
        Assert.Equal("Validation.Required", result.Errors.For("NameZh"));
        Assert.Equal("Inventory.Systems.Unknown", result.Errors.For("SystemIds"));
        Assert.Equal(6, (await purposes.ListAsync()).Count);
        Assert.Empty(await AuditAsync(harness, "purpose."));
    }

    [Fact]
    public async Task A_purpose_with_consent_records_cannot_be_deleted()
    {
        var purposes = harness.Get<PurposeService>();
        var survey = (await purposes.ListAsync()).Single(p => p.Key == "survey");
        var subject = await SubjectAsync(harness, new IdentifierInput(IdentifierKind.Phone, "13912340001"));
        Assert.True((await harness.Get<ConsentService>().RecordAsync(subject, survey.Id, true, ConsentChannel.App, "2026.1")).Errors.IsValid);

        var refused = await purposes.DeleteAsync(survey.Id, survey.Version);
        Assert.Equal(InventoryChange.InUse, refused.Change);
        Assert.Equal(("ConsentRecords", 1), (refused.Usage[0].Kind, refused.Usage[0].Count));

        var created = await purposes.SaveAsync(Valid());
        Assert.Equal(InventoryChange.Done, (await purposes.DeleteAsync(created.Id!.Value, 0)).Change);
    }
}
