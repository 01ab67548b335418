using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;
using PrivacyPortal.Tests.Breaches;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Subjects;

public sealed class SubjectDirectoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("0086 138 1234 5678", "13812345678")]
    [InlineData("86 13812345678", "13812345678")]
    [InlineData("(138) 1234 5678", "13812345678")]
    [InlineData("+852 9123 4567", "+85291234567")]
    public void Phone_numbers_are_normalised_to_one_spelling(string typed, string expected) =>
        Assert.Equal(expected, IdentifierNormalizer.Normalize(IdentifierKind.Phone, typed, out _));

    [Theory]
    [InlineData(IdentifierKind.Phone, "12345678901", "Subjects.Invalid.Phone")]
    [InlineData(IdentifierKind.Phone, "138-1234-567a", "Subjects.Invalid.Phone")]
    [InlineData(IdentifierKind.Email, "wang.fang@", "Subjects.Invalid.Email")]
    [InlineData(IdentifierKind.AccountId, "a b", "Subjects.Invalid.AccountId")]
    [InlineData(IdentifierKind.Email, " ", "Validation.Required")]
    public void Malformed_identifiers_name_their_message(IdentifierKind kind, string typed, string message)
    {
        Assert.Null(IdentifierNormalizer.Normalize(kind, typed, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public async Task A_person_is_found_by_any_spelling_of_their_phone_and_shown_masked_and_the_lookup_is_audited_by_id()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var directory = harness.Get<SubjectDirectory>();
        var (errors, id) = await directory.CreateAsync([new(IdentifierKind.Phone, "13812345678"), new(IdentifierKind.Email, "Zhang.Wei@Example.com")]);
        Assert.True(errors.IsValid);

        var (_, found) = await directory.FindAsync("+86 138 1234 5678");
        var (_, byEmail) = await directory.FindAsync("zhang.wei@example.com");

        Assert.Equal(id, found!.Id);
        Assert.Equal(id, byEmail!.Id);
        Assert.Equal(["138****5678", "z***@example.com"], found.Identifiers.Select(i => i.Masked));
        await using var db = harness.Database.CreateDbContext();
        var stored = await db.Set<SubjectIdentifier>().Select(i => i.ValueProtected + i.LookupHash).ToListAsync();
        Assert.DoesNotContain(stored, s => s.Contains("13812345678", StringComparison.Ordinal) || s.Contains("zhang.wei", StringComparison.Ordinal));
        var lookups = await db.AuditEvents.Where(e => e.Action == SubjectActions.LookedUp).ToListAsync();
        Assert.Equal(2, lookups.Count);
        Assert.All(lookups, e => Assert.Equal(SubjectDirectory.Id(id!.Value), e.SubjectId));
    }

    [Fact]
    public async Task An_identifier_already_on_file_is_refused_at_its_field_and_nothing_is_saved()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var directory = harness.Get<SubjectDirectory>();
        await directory.CreateAsync([new(IdentifierKind.Phone, "13812345678")]);

        var (errors, id) = await directory.CreateAsync([new(IdentifierKind.Email, "li.na@example.com"), new(IdentifierKind.Phone, "+86 13812345678")]);
        var (malformed, _) = await directory.CreateAsync([new(IdentifierKind.Phone, "1234")]);

        Assert.Null(id);
        Assert.Equal("Subjects.IdentifierTaken", errors.For("Identifiers[1]"));
        Assert.Equal("Subjects.Invalid.Phone", malformed.For("Identifiers[0]"));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(1, await db.Set<DataSubject>().CountAsync());
    }

    [Fact]
    public async Task Revealing_a_value_needs_a_reason_and_the_audit_event_names_the_subject_and_reason_but_never_the_value()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var directory = harness.Get<SubjectDirectory>();
        var (_, id) = await directory.CreateAsync([new(IdentifierKind.Phone, "13812345678")]);
        var card = await directory.GetAsync(id!.Value);
        var identifierId = card!.Identifiers[0].Id;

        var (refused, none) = await directory.RevealAsync(identifierId, " ");
        var (_, value) = await directory.RevealAsync(identifierId, RevealReasons.VerifyCaller, "回拨核实来电人身份");

        Assert.Null(none);
        Assert.Equal("Subjects.Reveal.ReasonRequired", refused.For("Reason"));
        Assert.Equal("13812345678", value);
        await using var db = harness.Database.CreateDbContext();
        var reveal = await db.AuditEvents.SingleAsync(e => e.Action == SubjectActions.Revealed);
        Assert.Equal(SubjectDirectory.Id(id.Value), reveal.SubjectId);
        Assert.Contains("回拨核实来电人身份", reveal.Detail);
        Assert.DoesNotContain("13812345678", reveal.Detail);
        Assert.DoesNotContain("5678", reveal.Detail);
    }

    [Fact]
    public async Task A_reveal_needs_a_listed_reason_and_past_the_hourly_limit_is_refused_recorded_and_flagged_for_the_access_review()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now, new Dictionary<string, string?> { ["Subjects:RevealsPerHour"] = "2" });
        var (_, id) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13812345678")]);
        var identifierId = (await harness.Get<SubjectDirectory>().GetAsync(id!.Value))!.Identifiers[0].Id;
        var agent = harness.As<SubjectDirectory>("agent-1");

        Assert.Equal("Subjects.Reveal.ReasonRequired", (await agent.RevealAsync(identifierId, "abcd")).Errors.For("Reason"));
        Assert.Equal("Subjects.Reveal.NoteRequired", (await agent.RevealAsync(identifierId, RevealReasons.Other, "abc")).Errors.For("Note"));
        Assert.Equal("13812345678", (await agent.RevealAsync(identifierId, RevealReasons.VerifyCaller)).Value);
        Assert.Equal("13812345678", (await agent.RevealAsync(identifierId, RevealReasons.Other, "回访核对工单")).Value);

        var (refused, value) = await agent.RevealAsync(identifierId, RevealReasons.VerifyCaller);
        Assert.Null(value);
        Assert.Equal("Subjects.Reveal.TooMany", refused.For("Reason"));
        // Another agent is not held by the first one's count; the first is free again an hour later.
        Assert.NotNull((await harness.As<SubjectDirectory>("agent-2").RevealAsync(identifierId, RevealReasons.VerifyCaller)).Value);
        harness.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.NotNull((await agent.RevealAsync(identifierId, RevealReasons.VerifyCaller)).Value);

        var (_, anomalies) = await harness.Get<AccessReviewService>().AnomaliesAsync(Now.UtcDateTime.AddDays(-1), Now.UtcDateTime.AddDays(1));
        var flagged = Assert.Single(anomalies, a => a.Kind == AnomalyKind.RevealLimit);
        Assert.Equal("agent-1", flagged.ActorId);
    }
}
