using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Breaches.BreachTestData;

namespace PrivacyPortal.Tests.Breaches;

public sealed class BreachServiceTests
{
    [Fact]
    public async Task An_incident_without_title_or_system_is_refused_and_nothing_is_saved()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var system = await SystemAsync(harness);
        var input = Input(system) with { Title = " ", SystemIds = [], DiscoveredAtUtc = Now.UtcDateTime.AddDays(1) };
        var (errors, id) = await harness.As<BreachService>(OfficerA).CreateAsync(input);
        Assert.Null(id);
        Assert.Equal("Validation.Required", errors.For("Title"));
        Assert.Equal("Breaches.Error.System", errors.For("SystemIds"));
        Assert.Equal("Breaches.Error.Future", errors.For("DiscoveredAtUtc"));
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(0, await db.Set<BreachIncident>().CountAsync());
    }

    [Fact]
    public async Task Registering_an_incident_starts_the_CAC_GDPR_and_notice_duties_from_discovery_before_anyone_grades()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 2_000_000, eu: true);
        var breaches = harness.As<BreachService>(OfficerA);
        var view = (await breaches.GetAsync(id))!;
        Assert.Null(view.Incident.Grade);
        Assert.Equal(3, view.Clocks.Count);
        Assert.Equal(BreachGrade.Larger, view.Suggested);

        var (errors, outcome) = await breaches.GradeAsync(id, view.Incident.Version, BreachGrade.Larger, null);
        Assert.Equal(BreachChange.Done, outcome);
        Assert.True(errors.IsValid);
        view = (await breaches.GetAsync(id))!;
        var discovered = view.Incident.DiscoveredAtUtc;
        Assert.Equal("国家网络安全事件报告管理办法 第四条", view.Clocks.Single(c => c.PresetKey == ClockPresets.CacReport).RuleSource);
        Assert.Equal(discovered.AddHours(4), view.Clocks.Single(c => c.PresetKey == ClockPresets.CacReport).DueUtc);
        Assert.Equal(discovered.AddHours(72), view.Clocks.Single(c => c.PresetKey == ClockPresets.GdprAuthority).DueUtc);
        Assert.Equal(discovered.AddHours(72), view.Clocks.Single(c => c.PresetKey == ClockPresets.IndividualNotice).DueUtc);

        // Grading confirms; grading again starts nothing twice.
        await breaches.GradeAsync(id, view.Incident.Version, BreachGrade.Larger, null);
        Assert.Equal(3, (await breaches.GetAsync(id))!.Clocks.Count);
    }

    [Fact]
    public async Task Overriding_the_suggestion_needs_a_reason_and_thresholds_and_sensitive_categories_move_the_suggestion()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 500_000);
        var breaches = harness.As<BreachService>(OfficerA);
        var view = (await breaches.GetAsync(id))!;
        Assert.Equal(BreachGrade.General, view.Suggested);
        Assert.Equal([ClockPresets.CacReport, ClockPresets.IndividualNotice], view.Clocks.Select(c => c.PresetKey).Order().ToArray());

        var (errors, outcome) = await breaches.GradeAsync(id, view.Incident.Version, BreachGrade.Major, "  ");
        Assert.Equal(BreachChange.Invalid, outcome);
        Assert.Equal("Breaches.Error.OverrideReason", errors.For("Reason"));
        Assert.Null((await breaches.GetAsync(id))!.Incident.Grade);

        (_, outcome) = await breaches.GradeAsync(id, view.Incident.Version, BreachGrade.Major, "涉及通话记录，影响面大");
        Assert.Equal(BreachChange.Done, outcome);
        view = (await breaches.GetAsync(id))!;
        Assert.Equal(BreachGrade.Major, view.Incident.Grade);
        Assert.Contains(view.Clocks, c => c.PresetKey == ClockPresets.CacReport);

        var thresholds = await breaches.ThresholdsAsync();
        var (bad, _) = await breaches.SaveThresholdsAsync(new BreachGradingThresholds { Larger = 400_000, Major = 300_000, Critical = 100_000_000, SensitiveRaiseFrom = 1, Version = thresholds.Version });
        Assert.Equal("Breaches.Error.ThresholdOrder", bad.For("Major"));
        (_, outcome) = await breaches.SaveThresholdsAsync(new BreachGradingThresholds { Larger = 400_000, Major = 10_000_000, Critical = 100_000_000, SensitiveRaiseFrom = 100_000, Version = thresholds.Version });
        Assert.Equal(BreachChange.Done, outcome);
        Assert.Equal(BreachGrade.Larger, (await breaches.GetAsync(id))!.Suggested);

        // Precise location (category 5) is sensitive: one grade up.
        var sensitive = await harness.As<BreachService>(OfficerA).CreateAsync(Input(view.Systems[0].Id, 500_000, false, 5));
        Assert.Equal(BreachGrade.Major, (await breaches.GetAsync(sensitive.Id!.Value))!.Suggested);
    }

    [Fact]
    public async Task A_file_with_bad_rows_reports_each_by_line_and_imports_nothing()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness);
        var csv = Csv("type,value\nphone,13800000001\nphone,12345\n\nfax,010-1234\nemail,not-an-address\nemail,a@example.com\n");
        var result = await harness.As<AffectedImportService>(OfficerA).ImportAsync(id, csv);
        Assert.False(result.Succeeded);
        Assert.Equal(
            [new ImportError(3, "Subjects.Invalid.Phone"), new ImportError(5, "Breaches.Import.BadKind"), new ImportError(6, "Subjects.Invalid.Email")],
            result.Errors);
        await using var db = harness.Database.CreateDbContext();
        Assert.Equal(0, await db.Set<AffectedPerson>().CountAsync());
        Assert.Equal(0, (await db.Set<BreachIncident>().SingleAsync()).AffectedCount);
    }

    [Fact]
    public async Task Imported_identifiers_are_deduplicated_matched_to_the_directory_and_the_unmatched_counted()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness);
        var known = await Inventory.InventoryTestData.SubjectAsync(harness, new IdentifierInput(IdentifierKind.Phone, "13800000001"), new IdentifierInput(IdentifierKind.Email, "known@example.com"));
        var import = harness.As<AffectedImportService>(OfficerA);

        var result = await import.ImportAsync(id, Csv("+86 138-0000-0001\nphone,13800000001\nemail,Known@Example.com\nemail,stranger@example.com\naccount_id,acct-0042\n"));
        Assert.True(result.Succeeded);
        Assert.Equal(5, result.Rows);
        Assert.Equal(4, result.Added);
        Assert.Equal(1, result.Duplicates);

        // A second file adds only who is new; linking the known person again changes nothing.
        result = await import.ImportAsync(id, Csv("email,stranger@example.com\nemail,new@example.com\n"));
        Assert.Equal(1, result.Added);
        Assert.False(await import.LinkSubjectAsync(id, known));

        var view = (await harness.Get<BreachService>().GetAsync(id))!;
        // known (phone + e-mail rows, one person), stranger, acct-0042, new.
        Assert.Equal(4, view.Incident.AffectedCount);
        Assert.Equal(3, view.Incident.UnmatchedCount);
        var rows = await import.ListAsync(id, 0, 50);
        Assert.Equal(2, rows.Items.Count(r => r.SubjectId == known));
        Assert.DoesNotContain(rows.Items, r => r.Masked!.Contains("stranger", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_initial_report_is_drafted_downloaded_as_Chinese_docx_and_its_submission_meets_the_CAC_clock_late_when_late()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 1_500_000);
        var breaches = harness.As<BreachService>(OfficerA);
        await breaches.GradeAsync(id, (await breaches.GetAsync(id))!.Incident.Version, BreachGrade.Larger, null);
        var reports = harness.As<BreachReportService>(OfficerA);
        var reportId = await reports.DraftAsync(id, BreachReportKind.Initial, ReportAuthority.Cac);
        var report = (await reports.GetAsync(reportId))!;
        Assert.Contains("1,500,000", report.Sections["impact"], StringComparison.Ordinal);
        var sections = report.Sections;
        sections["trend"] = "事态已得到控制。";
        Assert.Equal(ReportChange.Done, (await reports.SaveAsync(reportId, report.Version, sections)).Outcome);
        Assert.Equal(ReportChange.Conflict, (await reports.SaveAsync(reportId, report.Version, sections)).Outcome);

        var document = (await reports.DocumentAsync(reportId))!.Value;
        Assert.EndsWith(".docx", document.FileName, StringComparison.Ordinal);
        using (var word = WordprocessingDocument.Open(new MemoryStream(document.Content), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("个人信息安全事件报告（初报）", text, StringComparison.Ordinal);
            Assert.Contains("事态已得到控制。", text, StringComparison.Ordinal);
            Assert.Contains("用户行为日志库", text, StringComparison.Ordinal);
        }

        // Discovered an hour before now: 4 h clock; submitted 5 h later is late.
        harness.Clock.Advance(TimeSpan.FromHours(5));
        report = (await reports.GetAsync(reportId))!;
        var (errors, outcome) = await reports.SubmitAsync(reportId, report.Version, " ");
        Assert.Equal("Validation.Required", errors.For("SubmittedTo"));
        (_, outcome) = await reports.SubmitAsync(reportId, report.Version, "某省网信办");
        Assert.Equal(ReportChange.Done, outcome);
        Assert.True((await reports.GetAsync(reportId))!.Late);
        var cac = (await breaches.GetAsync(id))!.Clocks.Single(c => c.PresetKey == ClockPresets.CacReport);
        Assert.Equal(ClockState.Met, cac.State);
        Assert.True(cac.MetAtUtc > cac.DueUtc);
    }

    [Fact]
    public async Task An_incident_closes_only_when_every_duty_is_met_or_discharged_and_the_refusal_lists_what_is_open()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness, estimate: 10);
        var breaches = harness.As<BreachService>(OfficerA);
        var duties = harness.As<BreachDutyService>(OfficerA);
        async Task<int> Version() => (await breaches.GetAsync(id))!.Incident.Version;
        await breaches.GradeAsync(id, await Version(), BreachGrade.General, null);
        var refused = await breaches.CloseAsync(id, await Version());
        Assert.Equal(BreachChange.DutiesOpen, refused.Outcome);
        Assert.Equal([BreachService.OpenHandling, ClockPresets.CacReport, ClockPresets.IndividualNotice], refused.Open);

        // Graded 一般: the CAC report is recorded as below the threshold, with a reason; it stays on the timeline.
        Assert.Equal("Breaches.Duty.ReasonRequired", (await duties.RecordBelowThresholdAsync(id, "太短")).Errors.For("Reason"));
        Assert.Equal(DutyChange.Done, (await duties.RecordBelowThresholdAsync(id, "仅涉及 10 人的设备信息，属一般事件，未达报告标准。")).Outcome);

        await harness.As<AffectedImportService>(OfficerA).ImportAsync(id, Emails(3));
        var campaigns = harness.As<CampaignService>(OfficerA);
        var values = await campaigns.SuggestValuesAsync(CampaignKind.Breach, id, null);
        foreach (var key in values.Keys.Where(k => values[k].Length == 0).ToList())
        {
            values[key] = "（测试内容）";
        }
        var (_, campaignId) = await campaigns.CreateAsync(new CampaignInput(CampaignKind.Breach, "告知受影响用户", id, null, CampaignChannels.Email, values, new Dictionary<string, string>()));
        var campaign = (await campaigns.GetAsync(campaignId!.Value))!;
        await campaigns.SendTestAsync(campaign.Id, campaign.Version, "officer.check@example.com");
        Assert.Equal(CampaignChange.Done, await harness.As<CampaignService>(OfficerB).ApproveAsync(campaign.Id, campaign.Version + 1));

        Assert.Equal(BreachChange.Done, await breaches.EndHandlingAsync(id));
        refused = await breaches.CloseAsync(id, await Version());
        Assert.Equal([ClockPresets.IndividualNotice, ClockPresets.FinalReport, BreachService.OpenCampaign], refused.Open);
        var reports = harness.As<BreachReportService>(OfficerA);
        var final = await reports.DraftAsync(id, BreachReportKind.Final, ReportAuthority.Cac);
        await reports.SubmitAsync(final, 1, "某省网信办");
        await campaigns.CancelAsync(campaign.Id, campaign.Version + 2);

        // The campaign was cancelled, so nobody was told: notice stays owed until a decision, approved by a second officer.
        Assert.Equal([ClockPresets.IndividualNotice], (await breaches.CloseAsync(id, await Version())).Open);
        Assert.Equal(DutyChange.Done, (await duties.ProposeNoNoticeAsync(id, "泄露的设备信息已在内网回收并确认未被下载，不会造成危害。")).Outcome);
        Assert.Equal([ClockPresets.IndividualNotice, BreachService.OpenDecision], (await breaches.CloseAsync(id, await Version())).Open);
        var decision = (await duties.DecisionsAsync(id)).Single(d => d.Kind == DutyDecisionKind.NoticeNotNeeded);
        Assert.Equal(DutyChange.SamePerson, (await duties.DecideAsync(decision.Id, decision.Version, true, null)).Outcome);
        Assert.Equal(DutyChange.Done, (await harness.As<BreachDutyService>(OfficerB).DecideAsync(decision.Id, decision.Version, true, "同意。")).Outcome);

        Assert.Equal(BreachChange.Done, (await breaches.CloseAsync(id, await Version())).Outcome);
        var view = (await breaches.GetAsync(id))!;
        Assert.Equal(BreachStatus.Closed, view.Incident.Status);
        Assert.False((await reports.GetAsync(final))!.Late);
        // Discharged duties say so: never "met".
        Assert.All(view.Clocks.Where(c => c.PresetKey is ClockPresets.CacReport or ClockPresets.IndividualNotice), c => Assert.Equal(ClockState.Discharged, c.State));
        Assert.Equal(2, view.Timeline.Count(e => e.Kind == BreachEventKind.DutyDischarged));
        Assert.Contains(view.Timeline, e => e.Kind == BreachEventKind.Closed && e.ActorId == OfficerA);
    }

    [Fact]
    public async Task Each_checklist_step_records_who_and_when_on_the_timeline()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var id = await IncidentAsync(harness);
        var (errors, _) = await harness.As<BreachService>(OfficerB).CompleteStepAsync(id, BreachStep.Contain, "");
        Assert.Equal("Validation.Required", errors.For("Note"));
        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        await harness.As<BreachService>(OfficerB).CompleteStepAsync(id, BreachStep.Contain, "已关闭外网访问");
        var view = (await harness.Get<BreachService>().GetAsync(id))!;
        var step = view.Steps[BreachStep.Contain];
        Assert.Equal(OfficerB, step.ActorId);
        Assert.Equal(Now.UtcDateTime.AddMinutes(30), step.AtUtc);
        Assert.False(view.Steps.ContainsKey(BreachStep.Assess));
    }
}
