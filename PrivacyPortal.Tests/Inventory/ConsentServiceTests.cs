using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Inventory.InventoryTestData;

namespace PrivacyPortal.Tests.Inventory;

public sealed class ConsentServiceTests : IAsyncLifetime
{
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(Now);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private async Task<int> PurposeAsync(string key) => (await harness.Get<PurposeService>().ListAsync()).Single(p => p.Key == key).Id;

    [Fact]
    public async Task Given_then_withdrawn_is_withdrawn_now_and_both_are_in_the_history()
    {
        var subject = await SubjectAsync(harness, new IdentifierInput(IdentifierKind.Phone, "139 1234 0002"), new IdentifierInput(IdentifierKind.Email, "wang.fang@example.com"));
        var recommendation = await PurposeAsync("recommendation");
        var consent = harness.Get<ConsentService>();

        Assert.True((await consent.RecordAsync(subject, recommendation, true, ConsentChannel.App, "2026.1")).Errors.IsValid);
        harness.Clock.Advance(TimeSpan.FromDays(3));
        var (errors, recordId) = await consent.RecordAsync(subject, recommendation, false, ConsentChannel.Hotline400, "2026.1", requestId: 77);
        Assert.True(errors.IsValid);

        var current = await consent.CurrentAsync(subject);
        Assert.Equal(6, current.Count);
        var state = current.Single(c => c.PurposeId == recommendation);
        Assert.Equal(ConsentStatus.Withdrawn, state.Status);
        Assert.Equal(ConsentChannel.Hotline400, state.Channel);
        Assert.Equal(Now.UtcDateTime.AddDays(3), state.AtUtc);
        Assert.Equal(77, state.RequestId);
        Assert.Equal(ConsentStatus.Never, current.Single(c => c.PurposeKey == "survey").Status);

        var history = await consent.HistoryAsync(subject);
        Assert.Equal([false, true], history.Select(h => h.Given));
        Assert.Equal(recordId, history[0].Id);

        // Audited under the person's id, without their phone or e-mail.
        var events = await AuditAsync(harness, SubjectActions.ConsentRecorded);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(SubjectDirectory.Id(subject), e.SubjectId));
        Assert.All(events, e => Assert.DoesNotContain("13912340002", e.Detail));
        Assert.All(events, e => Assert.DoesNotContain("wang.fang", e.Detail));
    }

    [Fact]
    public async Task Records_at_the_same_instant_resolve_to_the_latest_recorded()
    {
        var subject = await SubjectAsync(harness, new IdentifierInput(IdentifierKind.AccountId, "acct-20260003"));
        var survey = await PurposeAsync("survey");
        var consent = harness.Get<ConsentService>();
        await consent.RecordAsync(subject, survey, false, ConsentChannel.Web, "2026.1");
        await consent.RecordAsync(subject, survey, true, ConsentChannel.Web, "2026.1");

        Assert.Equal(ConsentStatus.Given, (await consent.CurrentAsync(subject)).Single(c => c.PurposeId == survey).Status);
    }

    [Fact]
    public async Task Withdrawing_consent_for_an_essential_purpose_is_refused_and_nothing_is_recorded()
    {
        var subject = await SubjectAsync(harness, new IdentifierInput(IdentifierKind.Phone, "13912340004"));
        var service = await PurposeAsync("service");
        var consent = harness.Get<ConsentService>();

        var (errors, recordId) = await consent.RecordAsync(subject, service, false, ConsentChannel.Hotline400, "2026.1");

        Assert.Null(recordId);
        Assert.Equal("Inventory.Consent.EssentialCannotWithdraw", errors.For("Given"));
        Assert.Empty(await consent.HistoryAsync(subject));
        Assert.Empty(await AuditAsync(harness, SubjectActions.ConsentRecorded));
        // Giving it is recorded as usual.
        Assert.True((await consent.RecordAsync(subject, service, true, ConsentChannel.App, "2026.1")).Errors.IsValid);
    }

    [Fact]
    public async Task An_unknown_person_or_purpose_or_a_missing_policy_version_is_refused()
    {
        var (errors, _) = await harness.Get<ConsentService>().RecordAsync(424242, 999, true, ConsentChannel.App, " ");
        Assert.Equal("Inventory.Consent.UnknownSubject", errors.For("SubjectId"));
        Assert.Equal("Inventory.Consent.UnknownPurpose", errors.For("PurposeId"));
        Assert.Equal("Validation.Required", errors.For("PolicyVersion"));
    }
}
