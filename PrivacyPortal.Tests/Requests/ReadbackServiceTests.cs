using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

public sealed class ReadbackServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(long SubjectId, CreatedRequest Request)> TakeDeletionAsync(ServiceHarness harness, string phone = "13812345678")
    {
        var (errors, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, phone), new(IdentifierKind.Email, $"li.na.{phone}@example.com")]);
        Assert.True(errors.IsValid);
        var result = await harness.Get<RequestService>().TakeAsync(new IntakeInput
        {
            SubjectId = subjectId,
            Types = [RequestType.Deletion],
            Summary = "来电要求删除其账号下的全部个人信息",
        });
        Assert.True(result.Errors.IsValid);
        return (subjectId!.Value, Assert.Single(result.Created));
    }

    private static async Task<T> InCultureAsync<T>(string culture, Func<Task<T>> act)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousCulture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await act();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousCulture;
        }
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("  {0}  ")]
    [InlineData("pr-{1}-{2}")]
    [InlineData("PR {1} {2}")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("0086-138-1234-5678")]
    [InlineData("13812345678")]
    public async Task A_case_is_read_back_by_its_number_or_the_callers_phone_in_any_spelling_as_a_sentence_with_the_due_date(string queryFormat)
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var (_, request) = await TakeDeletionAsync(harness);
        var parts = request.CaseNumber.Split('-');
        var query = string.Format(CultureInfo.InvariantCulture, queryFormat, request.CaseNumber, parts[1], parts[2]);

        var found = await InCultureAsync("zh-CN", () => harness.Get<RequestReadbackService>().FindAsync(query));

        var one = Assert.Single(found);
        var due = harness.Get<PortalTime>().ToLocal(request.DueAtUtc);
        Assert.Equal(request.CaseNumber, one.CaseNumber);
        Assert.Equal(RequestStatus.AwaitingVerification, one.Status);
        Assert.Equal("138****5678", one.MaskedPhone);
        Assert.Equal($"受理编号 {request.CaseNumber}，您的删除请求目前处于『待身份验证』阶段，我们将在 {due.Year}年{due.Month}月{due.Day}日 前答复。", one.Script);
    }

    [Fact]
    public async Task The_script_is_in_english_for_an_english_agent_and_a_closed_case_says_its_outcome()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var (_, request) = await TakeDeletionAsync(harness);
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Set<DataSubjectRequest>().Where(r => r.Id == request.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Closed).SetProperty(r => r.Outcome, RequestOutcome.Refused));
        }

        var en = Assert.Single(await InCultureAsync("en", () => harness.Get<RequestReadbackService>().FindAsync(request.CaseNumber)));
        var zh = Assert.Single(await InCultureAsync("zh-CN", () => harness.Get<RequestReadbackService>().FindAsync(request.CaseNumber)));

        Assert.Equal($"Case number {request.CaseNumber}: your deletion request is closed; we could not carry it out, and the reasons were sent to you in writing.", en.Script);
        Assert.Contains("已办结，我们未能满足该请求", zh.Script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PR-2026-999999")]
    [InlineData("13900000000")]
    [InlineData("li.na.13812345678@example.com")]
    [InlineData("")]
    [InlineData("138")]
    public async Task An_unknown_case_number_or_phone_finds_nothing_and_audits_nothing(string query)
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        await TakeDeletionAsync(harness);

        var found = await harness.Get<RequestReadbackService>().FindAsync(query);

        Assert.Empty(found);
        await using var db = harness.Database.CreateDbContext();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == RequestReadbackActions.ReadBack));
    }

    [Fact]
    public async Task A_read_back_is_audited_by_subject_id_without_the_phone_or_the_summary()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var (subjectId, request) = await TakeDeletionAsync(harness);

        await harness.Get<RequestReadbackService>().FindAsync("138 1234 5678");

        await using var db = harness.Database.CreateDbContext();
        var audited = Assert.Single(await db.AuditEvents.Where(e => e.Action == RequestReadbackActions.ReadBack).ToListAsync());
        Assert.Equal(SubjectDirectory.Id(subjectId), audited.SubjectId);
        Assert.Contains(request.CaseNumber, audited.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", audited.Detail + audited.TargetId, StringComparison.Ordinal);
        Assert.DoesNotContain("删除其账号", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callers_open_cases_come_before_closed_ones_and_other_peoples_cases_are_not_shown()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var (subjectId, first) = await TakeDeletionAsync(harness);
        await TakeDeletionAsync(harness, "13987654321");
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Set<DataSubjectRequest>().Where(r => r.Id == first.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Closed).SetProperty(r => r.Outcome, RequestOutcome.Fulfilled));
        }
        var access = await harness.Get<RequestService>().TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Access], Summary = "要求查阅个人信息" });

        var found = await harness.Get<RequestReadbackService>().FindAsync("13812345678");

        Assert.Equal([access.Created[0].CaseNumber, first.CaseNumber], found.Select(c => c.CaseNumber));
    }
}
