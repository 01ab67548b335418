using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Retention;

/// <summary>The portal's own personal data expires too: closed cases' free text, message bodies, verification codes.</summary>
public sealed class PortalRecordsExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Retention:PortalRecords:ClosedCaseDays"] = "30",
        ["Retention:PortalRecords:MessageBodyDays"] = "20",
        ["Retention:PortalRecords:VerificationCodeDays"] = "10",
    };

    private static async Task<long> CaseAsync(ServiceHarness harness, long subjectId, string summary)
    {
        long identifier;
        await using (var db = harness.Database.CreateDbContext())
        {
            identifier = await db.Set<SubjectIdentifier>().Where(i => i.SubjectId == subjectId).Select(i => i.Id).FirstAsync();
        }
        var result = await harness.Get<RequestService>().TakeAsync(new IntakeInput
        {
            SubjectId = subjectId, Types = [RequestType.Access], Summary = summary, AcknowledgeToIdentifierId = identifier, CreateDespiteDuplicates = true,
        });
        var id = Assert.Single(result.Created).Id;
        await harness.Get<RequestService>().AddCommentAsync(id, "来电补充：要求提供近三个月通话记录");
        return id;
    }

    [Fact]
    public async Task Expired_portal_records_are_cleared_a_held_persons_cases_are_kept_and_a_second_run_finds_nothing()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now, Settings);
        var directory = harness.Get<SubjectDirectory>();
        var (_, free) = await directory.CreateAsync([new(IdentifierKind.Email, "sun.li@example.com")]);
        var (_, heldSubject) = await directory.CreateAsync([new(IdentifierKind.Email, "qian.hao@example.com")]);
        var old = await CaseAsync(harness, free!.Value, "来电要求查询个人信息");
        var held = await CaseAsync(harness, heldSubject!.Value, "来电要求查询个人信息");
        var recent = await CaseAsync(harness, free.Value, "来电要求查询个人信息");
        await using (var db = harness.Database.CreateDbContext())
        {
            var closedLongAgo = Now.UtcDateTime.AddDays(-40);
            await db.Set<DataSubjectRequest>().Where(r => r.Id == old || r.Id == held).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RequestStatus.Closed).SetProperty(r => r.ClosedAtUtc, closedLongAgo).SetProperty(r => r.AuthorityNote, "律师代理"));
            await db.Set<DataSubjectRequest>().Where(r => r.Id == recent).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RequestStatus.Closed).SetProperty(r => r.ClosedAtUtc, Now.UtcDateTime.AddDays(-5)));
            // The acknowledgements were sent 25 days ago; one verification code expired 15 days ago, one is current.
            await db.Set<OutboxMessage>().ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.CreatedAtUtc, Now.UtcDateTime.AddDays(-25)));
            var intake = await db.Set<DataSubjectRequest>().Where(r => r.Id == old).Select(r => r.IntakeId).SingleAsync();
            var identifier = await db.Set<SubjectIdentifier>().Where(i => i.SubjectId == free.Value).Select(i => i.Id).SingleAsync();
            db.AddRange(
                new VerificationChallenge { IntakeId = intake, IdentifierId = identifier, CodeHash = "x", CreatedAtUtc = Now.UtcDateTime.AddDays(-16), ExpiresAtUtc = Now.UtcDateTime.AddDays(-15), MaxAttempts = 5, CreatedById = "t" },
                new VerificationChallenge { IntakeId = intake, IdentifierId = identifier, CodeHash = "y", CreatedAtUtc = Now.UtcDateTime, ExpiresAtUtc = Now.UtcDateTime.AddMinutes(10), MaxAttempts = 5, CreatedById = "t" });
            db.Add(new LegalHold
            {
                Scope = LegalHoldScope.Subjects, Reason = LegalHoldReason.CourtOrder, Reference = "（2026）京0105民初1号", OwnerId = "t",
                ReviewByUtc = Now.UtcDateTime.AddDays(60), CreatedAtUtc = Now.UtcDateTime, Version = 1, Subjects = [new LegalHoldSubject { SubjectId = heldSubject.Value }],
            });
            await db.SaveChangesAsync();
        }

        var first = await harness.Get<PortalRecordsExpiry>().RunAsync();
        var second = await harness.Get<PortalRecordsExpiry>().RunAsync();

        Assert.Equal(new PortalExpiryResult(Cases: 1, Comments: 1, Messages: 3, Codes: 1, HeldCases: 1), first);
        Assert.Equal(new PortalExpiryResult(0, 0, 0, 0, HeldCases: 1), second);
        await using var check = harness.Database.CreateDbContext();
        var cases = await check.Set<DataSubjectRequest>().AsNoTracking().ToDictionaryAsync(r => r.Id);
        Assert.Equal(("", null), (cases[old].Summary, cases[old].AuthorityNote));
        Assert.StartsWith("PR-", cases[old].CaseNumber, StringComparison.Ordinal);
        Assert.Equal("来电要求查询个人信息", cases[held].Summary);
        Assert.Equal("来电要求查询个人信息", cases[recent].Summary);
        Assert.Equal(2, await check.Set<RequestComment>().CountAsync());
        Assert.All(await check.Set<OutboxMessage>().ToListAsync(), m => Assert.Equal(("", null), (m.Body, m.RecipientProtected)));
        Assert.Equal("y", (await check.Set<VerificationChallenge>().SingleAsync()).CodeHash);
    }

    [Fact]
    public async Task Mail_left_in_the_pickup_folder_is_deleted_when_message_bodies_expire()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now, Settings);
        var pickup = harness.Get<MailPickupFolder>();
        foreach (var (name, age) in new[] { ("outbox-1.eml", 21), ("outbox-2.eml", 19) })
        {
            await using (var file = pickup.Create(name))
            {
                file.Write("Subject: 验证码 605118\r\n"u8);
            }
            File.SetLastWriteTimeUtc(Path.Combine(pickup.Path, name), Now.UtcDateTime.AddDays(-age));
        }

        var result = await harness.Get<PortalRecordsExpiry>().RunAsync();

        Assert.Equal(1, result.MailFiles);
        Assert.False(File.Exists(Path.Combine(pickup.Path, "outbox-1.eml")));
        Assert.True(File.Exists(Path.Combine(pickup.Path, "outbox-2.eml")));
    }
}
