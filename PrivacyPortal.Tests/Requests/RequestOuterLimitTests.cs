using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Oversight.Dashboard;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

/// <summary>
/// Under China's rules every request runs two clocks: its target (15 working days) and the outer limit (30 calendar
/// days, GB/T 35273-2020 §8.7). Each pauses only for the reasons its preset honours.
/// </summary>
public sealed class RequestOuterLimitTests
{
    // Monday 23 Nov 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(ServiceHarness Harness, long SubjectId)> SetupAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var harness = await ServiceHarness.CreateAsync(Now, settings);
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13900000071")]);
        return (harness, subjectId!.Value);
    }

    private static async Task<long> TakeAsync(ServiceHarness harness, long subjectId, RequestType type = RequestType.Access, string jurisdiction = "CN")
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

    private static async Task<(Clock Target, Clock Outer)> ClocksAsync(ServiceHarness harness, long id)
    {
        var request = await RequestAsync(harness, id);
        await using var db = harness.Database.CreateDbContext();
        return (await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == request.ClockId),
            await db.Set<Clock>().AsNoTracking().SingleAsync(c => c.Id == request.HardStopClockId));
    }

    private static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));

    [Fact]
    public async Task Intake_under_china_rules_starts_the_target_and_the_30_day_outer_limit_and_a_gdpr_request_only_its_own_clock()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;

        var access = await TakeAsync(harness, subjectId);
        var cancellation = await TakeAsync(harness, subjectId, RequestType.AccountCancellation);
        var gdpr = await TakeAsync(harness, subjectId, RequestType.Deletion, "GDPR");

        var (target, outer) = await ClocksAsync(harness, access);
        Assert.Equal((ClockPresets.RequestTarget, ClockUnit.WorkingDays, 15, ClockRuleKind.Policy), (target.PresetKey, target.Unit, target.Amount, target.RuleKind));
        Assert.Equal((ClockPresets.RequestHardStop, ClockUnit.CalendarDays, 30, "GB/T 35273-2020 §8.7"), (outer.PresetKey, outer.Unit, outer.Amount, outer.RuleSource));
        // 15 working days from Monday 23 Nov: Monday 14 Dec. 30 calendar days: Wednesday 23 Dec.
        Assert.Equal(new DateOnly(2026, 12, 14), LocalDay(target.DueUtc));
        Assert.Equal(new DateOnly(2026, 12, 23), LocalDay(outer.DueUtc));
        var request = await RequestAsync(harness, access);
        Assert.Equal((target.DueUtc, outer.DueUtc), (request.DueAtUtc, request.OuterDueAtUtc!.Value));
        Assert.Equal((ClockPresets.AnyReason, ClockPresets.OuterLimitReasons), (target.HonouredPauses, outer.HonouredPauses));

        var (cancelTarget, cancelOuter) = await ClocksAsync(harness, cancellation);
        Assert.Equal((ClockPresets.Cancellation, "GB/T 35273-2020 §8.5", ClockPresets.RequestHardStop), (cancelTarget.PresetKey, cancelTarget.RuleSource, cancelOuter.PresetKey));

        var single = await RequestAsync(harness, gdpr);
        Assert.Null(single.HardStopClockId);
        Assert.Null(single.OuterDueAtUtc);
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(1, await db.Set<Clock>().CountAsync(c => c.OwnerId == single.CaseNumber));
    }

    [Fact]
    public async Task An_other_pause_stops_the_target_only_and_the_outer_limit_runs_on_breaches_and_is_escalated_on_its_own()
    {
        var (harness, subjectId) = await SetupAsync(new Dictionary<string, string?> { ["Clocks:AlertRecipients:0"] = "privacy-team@example.test" });
        await using var _ = harness;
        var id = await TakeAsync(harness, subjectId);
        var caseClocks = harness.Get<CaseClockService>();

        var (errors, change) = await caseClocks.PauseAsync(id, (await RequestAsync(harness, id)).Version, "等待业务部门核实通话记录", PauseReasons.Other);

        Assert.Equal(CaseChange.Done, change);
        Assert.True(errors.IsValid);
        var (target, outer) = await ClocksAsync(harness, id);
        Assert.Equal((ClockState.Paused, ClockState.Running), (target.State, outer.State));
        // Nor can the outer limit be stopped for "other" from the deadlines page.
        Assert.Equal(ClockChange.NotAllowed, await harness.Get<ClockService>().PauseAsync(outer.Id, outer.Version, "等待业务部门核实"));

        // 31 days on, the paused target is not late; the outer limit is, and says so on its own.
        harness.Clock.Advance(TimeSpan.FromDays(31));
        await harness.Get<ClockReminderJob>().RunAsync(default);
        (target, outer) = await ClocksAsync(harness, id);
        Assert.Equal((ClockState.Paused, ClockState.Breached), (target.State, outer.State));

        await using (var db = harness.Database.CreateDbContext())
        {
            var alert = await db.Set<OutboxMessage>().Where(m => m.CorrelationId == $"clock:{outer.Id}").OrderBy(m => m.Id).LastAsync();
            Assert.Contains("已逾期", alert.Subject, StringComparison.Ordinal);
            Assert.Contains("最长时限", alert.Subject, StringComparison.Ordinal);
            Assert.False(await db.Set<OutboxMessage>().AnyAsync(m => m.CorrelationId == $"clock:{target.Id}" && m.Subject.Contains("已逾期")));
        }
        var health = await harness.Get<DashboardService>().ClockHealthAsync(canOpenQueue: true);
        Assert.Equal([0, 0, 0, 0, 1d], health.Series[0].Values);
        Assert.Equal("requests?due=outer-limit", health.PointLinks![4]);
        var queue = harness.Get<RequestQueueService>();
        var passed = await queue.QueryAsync(RequestQueueFilter.Parse("due=outer-limit").ToQuery());
        var row = Assert.Single(passed.Items);
        Assert.Equal((ClockState.Paused, ClockState.Breached), (row.TargetState, row.OuterState));

        // Resuming moves the target by the 31 days it was paused; the outer limit stays where it was.
        var outerDue = outer.DueUtc;
        Assert.Equal(CaseChange.Done, (await caseClocks.ResumeAsync(id, (await RequestAsync(harness, id)).Version)).Change);
        (target, outer) = await ClocksAsync(harness, id);
        Assert.Equal(ClockState.Running, target.State);
        Assert.True(LocalDay(target.DueUtc) > new DateOnly(2027, 1, 1));
        Assert.Equal((ClockState.Breached, outerDue), (outer.State, outer.DueUtc));
    }

    [Fact]
    public async Task Waiting_for_identity_proof_stops_both_clocks_and_resuming_moves_both_due_dates_on_the_case()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        var id = await TakeAsync(harness, subjectId);
        var caseClocks = harness.Get<CaseClockService>();
        var before = await RequestAsync(harness, id);

        Assert.Equal(CaseChange.Done, (await caseClocks.PauseAsync(id, before.Version, "等待来电人提供身份证明", PauseReasons.IdentityProof)).Change);
        var (target, outer) = await ClocksAsync(harness, id);
        Assert.Equal((ClockState.Paused, ClockState.Paused), (target.State, outer.State));
        // Nothing left running for that reason: a second pause is refused and says why.
        var (again, refused) = await caseClocks.PauseAsync(id, (await RequestAsync(harness, id)).Version, "再次暂停", PauseReasons.IdentityProof);
        Assert.Equal((CaseChange.NotAllowed, "Requests.Clock.NoneHonours"), (refused, again.For("Clock")));

        harness.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(CaseChange.Done, (await caseClocks.ResumeAsync(id, (await RequestAsync(harness, id)).Version)).Change);

        (target, outer) = await ClocksAsync(harness, id);
        var after = await RequestAsync(harness, id);
        Assert.Equal((ClockState.Running, ClockState.Running), (target.State, outer.State));
        Assert.Equal((target.DueUtc, outer.DueUtc), (after.DueAtUtc, after.OuterDueAtUtc!.Value));
        // Three days paused: Wednesday 23 Dec becomes Saturday 26 Dec, and a period ending on a rest day runs to Monday 28 Dec.
        Assert.Equal(new DateOnly(2026, 12, 23), LocalDay(before.OuterDueAtUtc!.Value));
        Assert.Equal(new DateOnly(2026, 12, 28), LocalDay(after.OuterDueAtUtc!.Value));
        Assert.True(after.DueAtUtc > before.DueAtUtc);
    }

    [Fact]
    public async Task An_unpaid_fee_stops_both_clocks_until_it_is_paid()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        for (var i = 0; i < 5; i++)
        {
            await TakeAsync(harness, subjectId);
        }
        var id = await TakeAsync(harness, subjectId);
        var caseClocks = harness.Get<CaseClockService>();

        var (errors, change) = await caseClocks.AssessFeeAsync(id, (await RequestAsync(harness, id)).Version, 30m, "过去12个月内第6次调取，需人工从归档恢复");
        Assert.True(errors.IsValid, string.Join(", ", errors));
        Assert.Equal(CaseChange.Done, change);
        var (target, outer) = await ClocksAsync(harness, id);
        Assert.Equal((ClockState.Paused, ClockState.Paused), (target.State, outer.State));

        harness.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(CaseChange.Done, (await caseClocks.SettleFeeAsync(id, (await RequestAsync(harness, id)).Version, paid: true, "收据编号 2026-0042")).Change);
        (target, outer) = await ClocksAsync(harness, id);
        Assert.Equal((ClockState.Running, ClockState.Running), (target.State, outer.State));
        Assert.Equal(outer.DueUtc, (await RequestAsync(harness, id)).OuterDueAtUtc);
    }

    [Fact]
    public async Task Changing_the_reasons_a_preset_honours_is_audited_and_affects_only_clocks_started_afterwards()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        var earlier = await TakeAsync(harness, subjectId);
        var presets = harness.Get<ClockPresetService>();
        var hardStop = (await presets.ListAsync()).Single(p => p.Key == ClockPresets.RequestHardStop);
        Assert.Equal(ClockPresets.OuterLimitReasons, hardStop.HonouredPauses);

        hardStop.HonouredPauses = PauseReasons.IdentityProof | PauseReasons.Fee | PauseReasons.Other;
        var (errors, conflict) = await presets.SaveAsync(hardStop);
        Assert.True(errors.IsValid);
        Assert.False(conflict);
        var later = await TakeAsync(harness, subjectId);

        await using (var db = harness.Database.CreateDbContext())
        {
            var detail = await db.AuditEvents.Where(e => e.Action == "clock-preset.changed" && e.TargetId == ClockPresets.RequestHardStop).Select(e => e.Detail).SingleAsync();
            Assert.Contains("\"honouredPauses\":\"IdentityProof, Fee\"", detail, StringComparison.Ordinal);
            Assert.Contains("\"honouredPauses\":\"IdentityProof, Fee, Other\"", detail, StringComparison.Ordinal);
        }
        var caseClocks = harness.Get<CaseClockService>();
        foreach (var id in new[] { earlier, later })
        {
            Assert.Equal(CaseChange.Done, (await caseClocks.PauseAsync(id, (await RequestAsync(harness, id)).Version, "等待业务部门核实", PauseReasons.Other)).Change);
        }
        Assert.Equal(ClockState.Running, (await ClocksAsync(harness, earlier)).Outer.State);
        Assert.Equal(ClockState.Paused, (await ClocksAsync(harness, later)).Outer.State);
    }

    [Fact]
    public async Task The_status_read_back_gives_the_agent_the_target_and_the_outer_limit_with_their_states()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        var id = await TakeAsync(harness, subjectId);
        var gdpr = await TakeAsync(harness, subjectId, RequestType.Deletion, "GDPR");
        Assert.Equal(CaseChange.Done, (await harness.Get<CaseClockService>().PauseAsync(id, (await RequestAsync(harness, id)).Version, "等待业务部门核实", PauseReasons.Other)).Change);

        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var found = await harness.Get<RequestReadbackService>().FindAsync((await RequestAsync(harness, id)).CaseNumber);
            var read = Assert.Single(found);
            Assert.Equal((ClockState.Paused, ClockState.Running, "2026年12月23日"), (read.TargetState, read.OuterState, read.OuterDueDate));
            var single = Assert.Single(await harness.Get<RequestReadbackService>().FindAsync((await RequestAsync(harness, gdpr)).CaseNumber));
            Assert.Null(single.OuterDueAtUtc);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Closing_a_case_meets_both_clocks_even_while_one_is_paused()
    {
        var (harness, subjectId) = await SetupAsync();
        await using var _ = harness;
        var kept = await TakeAsync(harness, subjectId);
        var duplicate = await TakeAsync(harness, subjectId);
        Assert.Equal(CaseChange.Done, (await harness.Get<CaseClockService>().PauseAsync(duplicate, (await RequestAsync(harness, duplicate)).Version, "等待业务部门核实", PauseReasons.Other)).Change);

        var closing = await RequestAsync(harness, duplicate);
        var result = await harness.Get<RequestQueueService>().MarkDuplicateAsync([new RequestRef(duplicate, closing.Version)], (await RequestAsync(harness, kept)).CaseNumber);

        Assert.Single(result.Done);
        var (target, outer) = await ClocksAsync(harness, duplicate);
        Assert.Equal((ClockState.Met, ClockState.Met), (target.State, outer.State));
        var (keptTarget, keptOuter) = await ClocksAsync(harness, kept);
        Assert.Equal((ClockState.Running, ClockState.Running), (keptTarget.State, keptOuter.State));
    }
}
