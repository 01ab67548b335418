using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

/// <summary>The case's clock from the case page: pause, extension with notice, and the fee for repeated requests.</summary>
public sealed class CaseClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(ServiceHarness Harness, long SubjectId)> SetupAsync()
    {
        var harness = await ServiceHarness.CreateAsync(Now);
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13900000021"), new(IdentifierKind.Email, "li.na@example.com")]);
        return (harness, subjectId!.Value);
    }

    private static async Task<long> TakeAsync(ServiceHarness harness, long subjectId, RequestType type, string jurisdiction = "CN")
    {
        var result = await harness.Get<RequestService>().TakeAsync(new IntakeInput
        {
            SubjectId = subjectId, Types = [type], Summary = "来电要求查询个人信息", Jurisdiction = jurisdiction, CreateDespiteDuplicates = true,
        });
        Assert.True(result.Errors.IsValid, string.Join(", ", result.Errors));
        return Assert.Single(result.Created).Id;
    }

    private static async Task<DataSubjectRequest> RequestAsync(ServiceHarness harness, long id)
    {
        await using var db = harness.Database.CreateDbContext();
        return await db.Set<DataSubjectRequest>().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private static async Task<Clock> ClockAsync(ServiceHarness harness, DataSubjectRequest request)
    {
        await using var db = harness.Database.CreateDbContext();
        return await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == request.ClockId);
    }

    private static async Task<List<OutboxMessage>> MessagesAsync(ServiceHarness harness, string purpose)
    {
        await using var db = harness.Database.CreateDbContext();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Purpose == purpose).ToListAsync();
    }

    [Fact]
    public async Task A_fee_is_refused_for_a_first_request_and_for_bad_input_and_saves_nothing()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        var clocks = harness.Get<CaseClockService>();
        var id = await TakeAsync(harness, subjectId, RequestType.Access);
        var version = (await RequestAsync(harness, id)).Version;

        var (first, firstChange) = await clocks.AssessFeeAsync(id, version, 30m, "人工从归档恢复通话记录的成本");
        for (var i = 0; i < 4; i++)
        {
            await TakeAsync(harness, subjectId, RequestType.Access);
        }
        var (zero, _) = await clocks.AssessFeeAsync(id, version, 0m, "短");
        var (tooHigh, _) = await clocks.AssessFeeAsync(id, version, 5000m, "人工从归档恢复通话记录的成本");
        var (cents, _) = await clocks.AssessFeeAsync(id, version, 12.345m, "人工从归档恢复通话记录的成本");

        Assert.Equal((CaseChange.NotAllowed, "Requests.Fee.NotRepeated"), (firstChange, first.For("Amount")));
        Assert.Equal("Requests.Fee.AmountRequired", zero.For("Amount"));
        Assert.Equal("Requests.Fee.BasisRequired", zero.For("Basis"));
        Assert.Equal("Requests.Fee.TooHigh", tooHigh.For("Amount"));
        Assert.Equal("Requests.Fee.Cents", cents.For("Amount"));
        var request = await RequestAsync(harness, id);
        Assert.Null(request.FeeStatus);
        Assert.Equal(version, request.Version);
        Assert.Equal(ClockState.Running, (await ClockAsync(harness, request)).State);
        Assert.Empty(await MessagesAsync(harness, NotificationPurposes.RequestFee));
    }

    [Fact]
    public async Task A_fee_on_a_repeated_request_pauses_the_clock_and_tells_the_person_and_the_case_waits_until_it_is_paid()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        for (var i = 0; i < 5; i++)
        {
            await TakeAsync(harness, subjectId, RequestType.Access);
        }
        var id = await TakeAsync(harness, subjectId, RequestType.Access);
        var clocks = harness.Get<CaseClockService>();
        var dueBefore = (await RequestAsync(harness, id)).DueAtUtc;

        var (errors, change) = await clocks.AssessFeeAsync(id, (await RequestAsync(harness, id)).Version, 50m, "过去12个月内第6次调取，需人工从归档恢复");

        Assert.Equal(CaseChange.Done, change);
        Assert.True(errors.IsValid);
        var assessed = await RequestAsync(harness, id);
        Assert.Equal(FeeStatus.Assessed, assessed.FeeStatus);
        Assert.Equal(ClockState.Paused, (await ClockAsync(harness, assessed)).State);
        var notice = Assert.Single(await MessagesAsync(harness, NotificationPurposes.RequestFee));
        Assert.Equal(NotificationChannel.Email, notice.Channel);
        Assert.Contains("50.00", notice.Body, StringComparison.Ordinal);
        Assert.Contains(assessed.CaseNumber, notice.Body, StringComparison.Ordinal);

        // While unpaid, the officer cannot approve, and resuming by hand is refused.
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Set<DataSubjectRequest>().Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RequestStatus.InReview));
        }
        var (decided, _) = await harness.Get<RequestCaseService>().DecideAsync(id, assessed.Version, DecisionKind.Approve, [], null);
        Assert.Equal("Requests.Fee.Unpaid", decided.For("Decision"));
        var (resumed, _) = await clocks.ResumeAsync(id, assessed.Version);
        Assert.Equal("Requests.Fee.Unpaid", resumed.For("Clock"));

        // Paid three days later: the clock runs again and the case's due date moves by the days it waited.
        harness.Clock.Advance(TimeSpan.FromDays(3));
        var (noNote, _) = await clocks.SettleFeeAsync(id, assessed.Version, paid: true, " ");
        var (_, paid) = await clocks.SettleFeeAsync(id, assessed.Version, paid: true, "收据 R-2026-0012");

        Assert.Equal("Requests.Clock.ReasonRequired", noNote.For("Reason"));
        Assert.Equal(CaseChange.Done, paid);
        var settled = await RequestAsync(harness, id);
        var clock = await ClockAsync(harness, settled);
        Assert.Equal(FeeStatus.Paid, settled.FeeStatus);
        Assert.Equal(ClockState.Running, clock.State);
        Assert.True(clock.DueUtc > dueBefore, "The paused days do not count against the deadline.");
        Assert.Equal(clock.DueUtc, settled.DueAtUtc);
        var (_, approvedChange) = await harness.Get<RequestCaseService>().DecideAsync(id, settled.Version, DecisionKind.Approve, [], null);
        Assert.Equal(CaseChange.Done, approvedChange);
    }

    [Fact]
    public async Task A_gdpr_deadline_extends_with_notice_to_the_person_within_the_rule_and_a_china_deadline_does_not()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        var clocks = harness.Get<CaseClockService>();
        var cn = await TakeAsync(harness, subjectId, RequestType.Access);
        var gdpr = await TakeAsync(harness, subjectId, RequestType.Deletion, "GDPR");
        var before = await RequestAsync(harness, gdpr);

        var (cnErrors, _) = await clocks.ExtendAsync(cn, (await RequestAsync(harness, cn)).Version, 1, "需核对多个系统的记录");
        var (noReason, _) = await clocks.ExtendAsync(gdpr, before.Version, 1, "");
        var (tooLong, _) = await clocks.ExtendAsync(gdpr, before.Version, 3, "需核对多个系统的记录");
        var (_, extended) = await clocks.ExtendAsync(gdpr, before.Version, 2, "需核对多个系统的记录");
        var (_, stale) = await clocks.ExtendAsync(gdpr, before.Version, 1, "再次延长");

        Assert.Equal("Requests.Clock.CannotExtend", cnErrors.For("Amount"));
        Assert.Equal("Requests.Clock.ReasonRequired", noReason.For("Reason"));
        Assert.Equal("Requests.Clock.TooLong", tooLong.For("Amount"));
        Assert.Equal(CaseChange.Done, extended);
        Assert.Equal(CaseChange.Conflict, stale);
        var after = await RequestAsync(harness, gdpr);
        Assert.Equal(before.DueAtUtc.AddMonths(2).Date, after.DueAtUtc.Date);
        var notice = Assert.Single(await MessagesAsync(harness, NotificationPurposes.RequestExtension));
        Assert.Contains("需核对多个系统的记录", notice.Body, StringComparison.Ordinal);
        Assert.Contains(harness.Get<PrivacyPortal.Shared.PortalTime>().ToLocal(after.DueAtUtc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), notice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pausing_needs_a_reason_and_resuming_moves_the_due_date_by_the_pause()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        var clocks = harness.Get<CaseClockService>();
        var id = await TakeAsync(harness, subjectId, RequestType.Correction);
        var before = await RequestAsync(harness, id);

        var (noReason, _) = await clocks.PauseAsync(id, before.Version, "  ");
        var (_, paused) = await clocks.PauseAsync(id, before.Version, "等待补充身份证明材料");
        harness.Clock.Advance(TimeSpan.FromDays(7));
        var (_, resumed) = await clocks.ResumeAsync(id, (await RequestAsync(harness, id)).Version);

        Assert.Equal("Requests.Clock.ReasonRequired", noReason.For("Reason"));
        Assert.Equal((CaseChange.Done, CaseChange.Done), (paused, resumed));
        var after = await RequestAsync(harness, id);
        Assert.Equal(ClockState.Running, (await ClockAsync(harness, after)).State);
        // A week of pause is five working days later.
        Assert.True(after.DueAtUtc >= before.DueAtUtc.AddDays(7), $"{before.DueAtUtc:u} -> {after.DueAtUtc:u}");
    }

    [Fact]
    public async Task Withdrawing_consent_tells_the_owners_of_the_systems_that_use_the_purpose()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        int purposeId;
        await using (var db = harness.Database.CreateDbContext())
        {
            var system = new DataSystem { Name = "营销短信平台", OwnerTeam = "市场部", OwnerEmail = "marketing-owner@example.net", Purpose = "营销短信", CreatedAtUtc = Now.UtcDateTime, Version = 1 };
            var unused = new DataSystem { Name = "工单系统", OwnerTeam = "客服部", OwnerEmail = "tickets-owner@example.net", Purpose = "客服工单", CreatedAtUtc = Now.UtcDateTime, Version = 1 };
            db.AddRange(system, unused);
            var purpose = await db.Set<Purpose>().Include(p => p.Systems).FirstAsync(p => !p.IsEssential);
            purpose.Systems.Add(system);
            await db.SaveChangesAsync();
            purposeId = purpose.Id;
        }
        var id = await TakeAsync(harness, subjectId, RequestType.ConsentWithdrawal);
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Set<DataSubjectRequest>().Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RequestStatus.InReview));
        }
        var cases = harness.Get<RequestCaseService>();
        await cases.DecideAsync(id, (await RequestAsync(harness, id)).Version, DecisionKind.Approve, [], null);

        var (_, status) = await cases.FulfilAsync(id, [purposeId]);

        Assert.Equal(OperationStatus.Completed, status);
        var notice = Assert.Single(await MessagesAsync(harness, NotificationPurposes.ConsentWithdrawnNotice));
        Assert.Equal(NotificationChannel.Email, notice.Channel);
        Assert.Contains("营销短信平台", notice.Body, StringComparison.Ordinal);
        Assert.Contains(DataSubject.FormatReference(subjectId), notice.Body, StringComparison.Ordinal);
    }
}
