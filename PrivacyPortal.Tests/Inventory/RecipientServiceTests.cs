using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Inventory.InventoryTestData;

namespace PrivacyPortal.Tests.Inventory;

public sealed class RecipientServiceTests : IAsyncLifetime
{
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(Now);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task A_recipient_needs_a_name_a_valid_deletion_contact_a_known_region_and_a_category()
    {
        var input = NewRecipient();
        input.Name = "";
        input.DeletionContact = "privacy@vendor";
        input.Region = "XX";
        input.CategoryIds = [];
        input.Type = (RecipientType)42;
        var result = await harness.Get<RecipientService>().SaveAsync(input);

        Assert.Equal(InventoryChange.Invalid, result.Change);
        Assert.Equal("Validation.Required", result.Errors.For("Name"));
        Assert.Equal("Validation.Email", result.Errors.For("DeletionContact"));
        Assert.Equal("Inventory.Region.Invalid", result.Errors.For("Region"));
        Assert.Equal("Inventory.Categories.Required", result.Errors.For("CategoryIds"));
        Assert.Equal("Validation.Rejected", result.Errors.For("Type"));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(0, await db.Set<Recipient>().CountAsync());
    }

    [Fact]
    public async Task Recipient_names_are_unique()
    {
        var recipients = harness.Get<RecipientService>();
        await recipients.SaveAsync(NewRecipient("云短信服务商"));
        Assert.Equal("Inventory.Recipient.NameTaken", (await recipients.SaveAsync(NewRecipient("云短信服务商 "))).Errors.For("Name"));
    }

    [Fact]
    public async Task A_flow_links_a_system_to_a_recipient_once_and_a_deletion_finds_whom_to_notify()
    {
        var systems = harness.Get<SystemService>();
        var crm = (await systems.SaveAsync(NewSystem("呼叫中心 CRM"))).Id!.Value;
        var billing = (await systems.SaveAsync(NewSystem("计费系统"))).Id!.Value;
        var recipients = harness.Get<RecipientService>();
        var sms = (await recipients.SaveAsync(NewRecipient("云短信服务商"))).Id!.Value;
        var logistics = (await recipients.SaveAsync(NewRecipient("物流合作方", "HK", 6))).Id!.Value;

        Assert.Equal(InventoryChange.Done, (await recipients.SaveFlowAsync(new FlowInput { SystemId = crm, RecipientId = sms, Description = "发送验证码" })).Change);
        Assert.Equal(InventoryChange.Done, (await recipients.SaveFlowAsync(new FlowInput { SystemId = billing, RecipientId = sms })).Change);
        Assert.Equal(InventoryChange.Done, (await recipients.SaveFlowAsync(new FlowInput { SystemId = billing, RecipientId = logistics })).Change);
        var twice = await recipients.SaveFlowAsync(new FlowInput { SystemId = crm, RecipientId = sms });
        Assert.Equal("Inventory.Flow.Exists", twice.Errors.For("SystemId"));

        var rows = await recipients.ListAsync();
        Assert.Equal(["呼叫中心 CRM", "计费系统"], rows.Single(r => r.Id == sms).Flows.Select(f => f.SystemName));
        Assert.True(rows.Single(r => r.Id == logistics).IsCrossBorder);

        var targets = await recipients.DeletionNoticeTargetsAsync([crm]);
        var target = Assert.Single(targets);
        Assert.Equal(("云短信服务商", "privacy@sms-vendor.example.com"), (target.Name, target.DeletionContact));
        Assert.Equal(2, (await recipients.DeletionNoticeTargetsAsync([billing])).Count);

        Assert.Equal(3, (await AuditAsync(harness, "data-flow.created")).Count);
    }

    [Fact]
    public async Task An_inactive_recipient_is_not_sent_deletion_notices()
    {
        var system = (await harness.Get<SystemService>().SaveAsync(NewSystem())).Id!.Value;
        var recipients = harness.Get<RecipientService>();
        var id = (await recipients.SaveAsync(NewRecipient())).Id!.Value;
        await recipients.SaveFlowAsync(new FlowInput { SystemId = system, RecipientId = id });
        var input = (await recipients.ListAsync()).Single().ToInput();
        input.IsActive = false;
        Assert.Equal(InventoryChange.Done, (await recipients.SaveAsync(input)).Change);

        Assert.Empty(await recipients.DeletionNoticeTargetsAsync([system]));
    }

    [Fact]
    public async Task A_stale_recipient_edit_is_a_conflict_and_the_audit_keeps_the_deletion_contact_out()
    {
        var recipients = harness.Get<RecipientService>();
        await recipients.SaveAsync(NewRecipient());
        var loaded = Assert.Single(await recipients.ListAsync());
        var first = loaded.ToInput();
        first.LegalBasis = RecipientLegalBasis.Consent;
        Assert.Equal(InventoryChange.Done, (await recipients.SaveAsync(first)).Change);
        Assert.Equal(InventoryChange.Conflict, (await recipients.SaveAsync(loaded.ToInput())).Change);

        Assert.Equal(RecipientLegalBasis.Consent, Assert.Single(await recipients.ListAsync()).LegalBasis);
        var events = await AuditAsync(harness, "recipient.");
        Assert.Equal(["recipient.created", "recipient.changed"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.DoesNotContain("sms-vendor.example.com", e.Detail));
    }
}
