using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Inventory.InventoryTestData;

namespace PrivacyPortal.Tests.Inventory;

public sealed class DisclosureServiceTests : IAsyncLifetime
{
    private ServiceHarness harness = default!;
    private long zhang;
    private long li;

    public async Task InitializeAsync()
    {
        harness = await ServiceHarness.CreateAsync(Now);
        zhang = await SubjectAsync(harness, new IdentifierInput(IdentifierKind.Phone, "13912345678"), new IdentifierInput(IdentifierKind.Email, "zhang.wei@example.com"));
        li = await SubjectAsync(harness, new IdentifierInput(IdentifierKind.AccountId, "acct-20260010"));
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    // 2026-03-10 10:00 in Shanghai.
    private static DisclosureInput Valid(string lines) => new()
    {
        Reference = "沪公网安〔2026〕0312号",
        RequestingBody = "某市公安局网络安全保卫支队",
        Basis = DisclosureBasis.GovernmentRequest,
        DisclosedOn = new DateTime(2026, 3, 9),
        CategoryIds = [1, 2],
        SubjectLines = lines,
    };

    [Fact]
    public async Task Unknown_or_malformed_identifier_lines_are_reported_by_line_number_and_nothing_is_saved()
    {
        var lines = "13912345678\n139 1234 567\n\nnobody@example.com\r\nZHANG.WEI@example.com\n";
        var result = await harness.Get<DisclosureService>().SaveAsync(Valid(lines));

        Assert.Equal(InventoryChange.Invalid, result.Change);
        Assert.Equal([(2, "Inventory.Disclosure.LineMalformed"), (4, "Inventory.Disclosure.LineUnknown")], DisclosureService.LineErrors(result.Errors));
        Assert.Equal("Inventory.Disclosure.SubjectLinesInvalid", result.Errors.For("SubjectLines"));
        // The message names lines, never the values typed in.
        Assert.DoesNotContain(result.Errors.Values, v => v.Contains("example.com", StringComparison.Ordinal));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(0, await db.Set<Disclosure>().CountAsync());
        Assert.Empty(await AuditAsync(harness, "disclosure."));
    }

    [Fact]
    public async Task People_are_matched_however_the_identifier_is_written_and_the_audit_names_only_their_ids()
    {
        var disclosures = harness.Get<DisclosureService>();
        var result = await disclosures.SaveAsync(Valid("+86 139-1234-5678\n  acct-20260010 \nZhang.Wei@Example.com"));

        Assert.Equal(InventoryChange.Done, result.Change);
        var detail = await disclosures.GetAsync(result.Id!.Value);
        Assert.NotNull(detail);
        Assert.Equal([DataSubject.FormatReference(zhang), DataSubject.FormatReference(li)], detail.SubjectReferences);
        Assert.Equal(2, detail.Row.SubjectCount);
        Assert.Equal(new DateTime(2026, 3, 8, 16, 0, 0, DateTimeKind.Utc), detail.Row.DisclosedAtUtc);

        var audit = Assert.Single(await AuditAsync(harness, "disclosure."));
        Assert.Equal(InventoryActions.DisclosureRecorded, audit.Action);
        Assert.Contains($"\"{SubjectDirectory.Id(zhang)}\"", audit.Detail);
        Assert.DoesNotContain("13912345678", audit.Detail);
        Assert.DoesNotContain("zhang.wei", audit.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("acct-20260010", audit.Detail);
        Assert.Single(await disclosures.ForSubjectAsync(li));
    }

    [Fact]
    public async Task Required_fields_a_future_date_and_no_people_are_refused()
    {
        var input = Valid("");
        input.Reference = "";
        input.RequestingBody = " ";
        input.DisclosedOn = new DateTime(2026, 3, 11);
        input.CategoryIds = [];
        var result = await harness.Get<DisclosureService>().SaveAsync(input);

        Assert.Equal("Validation.Required", result.Errors.For("Reference"));
        Assert.Equal("Validation.Required", result.Errors.For("RequestingBody"));
        Assert.Equal("Inventory.Disclosure.FutureDate", result.Errors.For("DisclosedOn"));
        Assert.Equal("Inventory.Categories.Required", result.Errors.For("CategoryIds"));
        Assert.Equal("Inventory.Disclosure.SubjectsRequired", result.Errors.For("SubjectLines"));
    }

    [Fact]
    public async Task People_may_not_be_marked_as_told_before_the_day_the_law_allows_then_the_task_closes_once()
    {
        var disclosures = harness.Get<DisclosureService>();
        var input = Valid("13912345678");
        input.InformNotBefore = new DateTime(2026, 4, 1);
        var id = (await disclosures.SaveAsync(input)).Id!.Value;
        Assert.Equal(new InformTaskCounts(1, 0), await disclosures.InformTaskCountsAsync());

        var early = await disclosures.MarkInformedAsync(id, 0);
        Assert.Equal(InventoryChange.Refused, early.Change);
        Assert.Equal(new DateTime(2026, 3, 31, 16, 0, 0, DateTimeKind.Utc), early.NotBeforeUtc);
        Assert.Empty(await AuditAsync(harness, InventoryActions.DisclosureSubjectsInformed));

        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(new InformTaskCounts(1, 1), await disclosures.InformTaskCountsAsync());
        Assert.Equal(InventoryChange.Done, (await disclosures.MarkInformedAsync(id, 0)).Change);
        Assert.Equal(InventoryChange.Conflict, (await disclosures.MarkInformedAsync(id, 0)).Change);

        Assert.Equal(new InformTaskCounts(0, 0), await disclosures.InformTaskCountsAsync());
        var row = Assert.Single((await disclosures.QueryAsync(new DisclosureQuery(DisclosureFilter.All, 0, 25))).Items);
        Assert.Equal(harness.Clock.GetUtcNow().UtcDateTime, row.InformedAtUtc);
        Assert.Empty((await disclosures.QueryAsync(new DisclosureQuery(DisclosureFilter.OpenTasks, 0, 25))).Items);
        var informed = Assert.Single(await AuditAsync(harness, InventoryActions.DisclosureSubjectsInformed));
        Assert.Equal(SubjectDirectory.Id(zhang), informed.SubjectId);
    }

    [Fact]
    public async Task An_edit_adds_people_and_a_stale_edit_is_a_conflict()
    {
        var disclosures = harness.Get<DisclosureService>();
        var id = (await disclosures.SaveAsync(Valid("13912345678"))).Id!.Value;
        var loaded = (await disclosures.GetAsync(id))!;

        var first = loaded.ToInput(harness.Get<PrivacyPortal.Shared.PortalTime>());
        first.SubjectLines = "acct-20260010";
        first.Note = "补充调取";
        Assert.Equal(InventoryChange.Done, (await disclosures.SaveAsync(first)).Change);
        var second = loaded.ToInput(harness.Get<PrivacyPortal.Shared.PortalTime>());
        second.Reference = "改过的编号";
        Assert.Equal(InventoryChange.Conflict, (await disclosures.SaveAsync(second)).Change);

        var now = (await disclosures.GetAsync(id))!;
        Assert.Equal(2, now.Row.SubjectCount);
        Assert.Equal(Valid("").Reference, now.Row.Reference);
        Assert.Equal(new DateTime(2026, 3, 9), now.ToInput(harness.Get<PrivacyPortal.Shared.PortalTime>()).DisclosedOn);
    }
}
