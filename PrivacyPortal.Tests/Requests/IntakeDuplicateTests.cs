using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

public sealed class IntakeDuplicateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_second_request_of_the_same_type_while_one_is_open_is_flagged_and_saved_only_when_the_agent_insists()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13812345678")]);
        var requests = harness.Get<RequestService>();
        IntakeInput Input(bool insist = false) => new() { SubjectId = subjectId, Types = [RequestType.Deletion, RequestType.Access], Summary = "要求删除个人信息", CreateDespiteDuplicates = insist };
        var first = await requests.TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Deletion], Summary = "要求删除个人信息" });

        var flagged = await requests.TakeAsync(Input());

        var duplicate = Assert.Single(flagged.Duplicates);
        Assert.Equal(first.Created[0].CaseNumber, duplicate.CaseNumber);
        Assert.Empty(flagged.Created);
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(1, await db.Set<DataSubjectRequest>().CountAsync());
        }

        var insisted = await requests.TakeAsync(Input(insist: true));

        Assert.Equal(2, insisted.Created.Count);
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(3, await db.Set<DataSubjectRequest>().CountAsync());
            // Each case runs its target and its outer limit.
            Assert.Equal(6, await db.Set<Clock>().CountAsync());
        }
    }

    [Fact]
    public async Task A_closed_request_of_the_same_type_is_no_duplicate()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13812345678")]);
        var requests = harness.Get<RequestService>();
        var first = await requests.TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Deletion], Summary = "要求删除个人信息" });
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Set<DataSubjectRequest>().ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Closed));
        }

        var again = await requests.TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Deletion], Summary = "再次要求删除" });

        Assert.Empty(again.Duplicates);
        Assert.Single(again.Created);
        Assert.NotEqual(first.Created[0].CaseNumber, again.Created[0].CaseNumber);
    }
}
