using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Breaches.BreachTestData;

namespace PrivacyPortal.Tests.Breaches;

/// <summary>The duties an incident carries from registration, who they go to, and the decisions that may end them.</summary>
public sealed class BreachDutyTests
{
    [Fact]
    public async Task A_critical_infrastructure_incident_owes_a_1_hour_report_to_both_the_protection_department_and_public_security()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var system = await SystemAsync(harness);
        var breaches = harness.As<BreachService>(OfficerA);
        var (_, created) = await breaches.CreateAsync(Input(system) with { CriticalInfrastructure = true });
        var id = created!.Value;
        var view = (await breaches.GetAsync(id))!;
        var cii = view.Clocks.Single(c => c.PresetKey == ClockPresets.CacReportCii);
        Assert.Equal(view.Incident.DiscoveredAtUtc.AddHours(1), cii.DueUtc);
        Assert.DoesNotContain(view.Clocks, c => c.PresetKey == ClockPresets.CacReport);

        var reports = harness.As<BreachReportService>(OfficerA);
        var toDepartment = await reports.DraftAsync(id, BreachReportKind.Initial, ReportAuthority.ProtectionDepartment);
        await reports.SubmitAsync(toDepartment, 1, "行业保护工作部门");
        Assert.Equal(ClockState.Running, (await breaches.GetAsync(id))!.Clocks.Single(c => c.Id == cii.Id).State);

        var toPolice = await reports.DraftAsync(id, BreachReportKind.Initial, ReportAuthority.PublicSecurity);
        await reports.SubmitAsync(toPolice, 1, "市公安局网安支队");
        Assert.Equal(ClockState.Met, (await breaches.GetAsync(id))!.Clocks.Single(c => c.Id == cii.Id).State);
    }

    [Fact]
    public async Task A_suspected_crime_adds_the_police_report_and_untying_a_condition_discharges_its_duty_with_the_reason_on_the_timeline()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var system = await SystemAsync(harness);
        var breaches = harness.As<BreachService>(OfficerA);
        var (_, created) = await breaches.CreateAsync(Input(system));
        var id = created!.Value;
        var view = (await breaches.GetAsync(id))!;
        Assert.DoesNotContain(view.Clocks, c => c.PresetKey == ClockPresets.PoliceReport);

        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        var (errors, outcome) = await breaches.UpdateAsync(id, view.Incident.Version, Input(system) with { SuspectedCrime = true, EuResidents = true });
        Assert.True(errors.IsValid, string.Join(", ", errors));
        Assert.Equal(BreachChange.Done, outcome);
        view = (await breaches.GetAsync(id))!;
        var police = view.Clocks.Single(c => c.PresetKey == ClockPresets.PoliceReport);
        // Counted from when the suspicion was recorded; the GDPR report from discovery.
        Assert.Equal(Now.UtcDateTime.AddMinutes(30).AddHours(24), police.DueUtc);
        Assert.Equal(view.Incident.DiscoveredAtUtc.AddHours(72), view.Clocks.Single(c => c.PresetKey == ClockPresets.GdprAuthority).DueUtc);

        (_, outcome) = await breaches.UpdateAsync(id, view.Incident.Version, Input(system) with { SuspectedCrime = false, EuResidents = true });
        Assert.Equal(BreachChange.Done, outcome);
        view = (await breaches.GetAsync(id))!;
        Assert.Equal(ClockState.Discharged, view.Clocks.Single(c => c.PresetKey == ClockPresets.PoliceReport).State);
        Assert.Contains(view.Timeline, e => e.Kind == BreachEventKind.DutyDischarged && e.Note.StartsWith(ClockPresets.PoliceReport + "|", StringComparison.Ordinal));
        await using var db = harness.Database.CreateDbContext();
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Action == "clock.discharged"));
    }

    [Fact]
    public async Task Below_the_threshold_needs_a_General_grade_and_a_later_grade_of_Larger_reinstates_the_report_counted_from_discovery()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 50);
        var breaches = harness.As<BreachService>(OfficerA);
        var duties = harness.As<BreachDutyService>(OfficerA);
        const string reason = "涉及 50 人的非敏感信息，定级为一般事件。";
        Assert.Equal(DutyChange.NotAllowed, (await duties.RecordBelowThresholdAsync(id, reason)).Outcome);

        await breaches.GradeAsync(id, (await breaches.GetAsync(id))!.Incident.Version, BreachGrade.General, null);
        Assert.Equal(DutyChange.Done, (await duties.RecordBelowThresholdAsync(id, reason)).Outcome);
        Assert.Equal(DutyChange.NotAllowed, (await duties.RecordBelowThresholdAsync(id, reason)).Outcome);
        var view = (await breaches.GetAsync(id))!;
        Assert.Equal(ClockState.Discharged, view.Clocks.Single(c => c.PresetKey == ClockPresets.CacReport).State);

        // Five hours later more people turn up and the grade goes to 较大: the duty runs again, already late.
        harness.Clock.Advance(TimeSpan.FromHours(5));
        var (_, outcome) = await breaches.GradeAsync(id, view.Incident.Version, BreachGrade.Larger, "补充导入后涉及人数超过一百万");
        Assert.Equal(BreachChange.Done, outcome);
        view = (await breaches.GetAsync(id))!;
        var reinstated = view.Clocks.Single(c => c.PresetKey == ClockPresets.CacReport && c.State != ClockState.Discharged);
        Assert.Equal(view.Incident.DiscoveredAtUtc.AddHours(4), reinstated.DueUtc);
        Assert.True(reinstated.DueUtc < harness.Clock.GetUtcNow().UtcDateTime, "overdue from the start");
        Assert.Equal(DutyDecisionStatus.Withdrawn, view.Decisions.Single().Status);
        Assert.Contains(view.Timeline, e => e.Kind == BreachEventKind.DecisionWithdrawn);
    }

    [Fact]
    public async Task Notice_not_needed_is_refused_without_a_reason_and_a_regulator_who_requires_notice_starts_the_duty_again()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 2_000);
        var a = harness.As<BreachDutyService>(OfficerA);
        var b = harness.As<BreachDutyService>(OfficerB);
        Assert.Equal("Breaches.Duty.ReasonRequired", (await a.ProposeNoNoticeAsync(id, "  ")).Errors.For("Reason"));
        Assert.Equal(DutyChange.Done, (await a.ProposeNoNoticeAsync(id, "数据已加密存储且密钥未泄露，不会造成危害。")).Outcome);
        Assert.Equal(DutyChange.NotAllowed, (await a.ProposeNoNoticeAsync(id, "重复提交同一项决定的理由。")).Outcome);
        var decision = (await a.DecisionsAsync(id)).Single();

        // A rejection needs a reason too; the notice duty stays open.
        Assert.Equal("Breaches.Duty.ReasonRequired", (await b.DecideAsync(decision.Id, decision.Version, false, "不同意")).Errors.For("Note"));
        Assert.Equal(DutyChange.Done, (await b.DecideAsync(decision.Id, decision.Version, true, null)).Outcome);
        var breaches = harness.As<BreachService>(OfficerA);
        Assert.Equal(ClockState.Discharged, (await breaches.GetAsync(id))!.Clocks.Single(c => c.PresetKey == ClockPresets.IndividualNotice).State);

        harness.Clock.Advance(TimeSpan.FromDays(2));
        decision = (await a.DecisionsAsync(id)).Single();
        var (errors, outcome) = await a.RecordRegulatorViewAsync(decision.Id, decision.Version, "省网信办要求逐一通知受影响用户。", requiresNotice: true);
        Assert.True(errors.IsValid);
        Assert.Equal(DutyChange.Done, outcome);
        var view = (await breaches.GetAsync(id))!;
        var again = view.Clocks.Single(c => c.PresetKey == ClockPresets.IndividualNotice && c.State == ClockState.Running);
        Assert.Equal(Now.UtcDateTime.AddDays(2).AddHours(72), again.DueUtc);
        Assert.Equal(DutyDecisionStatus.Withdrawn, view.Decisions.Single().Status);
        Assert.Equal("省网信办要求逐一通知受影响用户。", view.Decisions.Single().RegulatorView);
        Assert.Contains(ClockPresets.IndividualNotice, (await breaches.CloseAsync(id, view.Incident.Version)).Open);
    }

    [Fact]
    public async Task The_report_documents_carry_every_element_the_reporting_measures_ask_for()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 1_500_000);
        var reports = harness.As<BreachReportService>(OfficerA);
        string Text(byte[] docx)
        {
            using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
            return word.MainDocumentPart!.Document!.Body!.InnerText;
        }
        var initial = Text((await reports.DocumentAsync(await reports.DraftAsync(id, BreachReportKind.Initial, ReportAuthority.Cac)))!.Value.Content);
        foreach (var element in new[] { "事发单位名称", "发生事件的设施、系统、平台的基本情况", "事件发生、发现时间", "事件类型及级别", "已造成的影响和危害", "已采取的措施及效果",
                     "要求支付赎金的金额、方式、日期", "事态发展趋势及可能造成的进一步影响和危害", "可能的攻击者信息、攻击路径、存在的漏洞", "拟进一步采取的应对措施以及请求支援事项", "事件现场保护情况" })
        {
            Assert.Contains(element, initial, StringComparison.Ordinal);
        }
        Assert.Contains("十四、其他应当报告的情况", initial, StringComparison.Ordinal);
        Assert.Contains("报送对象：属地省级网信部门", initial, StringComparison.Ordinal);

        await harness.As<BreachService>(OfficerA).EndHandlingAsync(id);
        var final = Text((await reports.DocumentAsync(await reports.DraftAsync(id, BreachReportKind.Final, ReportAuthority.Cac)))!.Value.Content);
        foreach (var element in new[] { "事件原因分析", "已采取的措施及效果", "已造成的影响和危害", "责任追究情况", "整改情况", "经验教训" })
        {
            Assert.Contains(element, final, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_deadlines_list_names_an_incidents_clocks_by_its_reference_and_links_to_it()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 10);
        var rows = (await harness.Get<ClockService>().QueryAsync(new ClockQuery(ClockFilter.All, 0, 50))).Items;
        var names = await harness.Get<ClockOwnerNames>().NamesAsync(rows);
        var incident = (await harness.As<BreachService>(OfficerA).GetAsync(id))!.Incident;
        var name = names[(BreachClocks.OwnerType, BreachService.Owner(id))];
        Assert.Equal(incident.Reference, name.Text);
        Assert.Equal($"breaches/{id}", name.Href);
        Assert.Equal(2, rows.Count(r => names.ContainsKey((r.OwnerType, r.OwnerId))));
    }
}
