using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Breaches.BreachTestData;

namespace PrivacyPortal.Tests.Campaigns;

public sealed class CampaignServiceTests
{
    private static async Task<Dictionary<string, string>> ValuesAsync(ServiceHarness harness, long incidentId)
    {
        var values = await harness.Get<CampaignService>().SuggestValuesAsync(CampaignKind.Breach, incidentId, null);
        foreach (var key in values.Keys.Where(k => values[k].Length == 0).ToList())
        {
            values[key] = "（测试内容）";
        }
        return values;
    }

    private static async Task<NotificationCampaign> ApprovedAsync(ServiceHarness harness, long incidentId, CampaignChannels channels)
    {
        var drafter = harness.As<CampaignService>(OfficerA);
        var (errors, id) = await drafter.CreateAsync(new CampaignInput(CampaignKind.Breach, "告知受影响用户", incidentId, null, channels, await ValuesAsync(harness, incidentId), new Dictionary<string, string>()));
        Assert.True(errors.IsValid, string.Join(", ", errors));
        var campaign = (await drafter.GetAsync(id!.Value))!;
        Assert.Equal(CampaignChange.Done, (await drafter.SendTestAsync(campaign.Id, campaign.Version, "officer.check@example.com")).Outcome);
        campaign = (await drafter.GetAsync(campaign.Id))!;
        Assert.Equal(CampaignChange.Done, await harness.As<CampaignService>(OfficerB).ApproveAsync(campaign.Id, campaign.Version));
        campaign = (await drafter.GetAsync(campaign.Id))!;
        Assert.Equal(CampaignChange.Done, await drafter.StartAsync(campaign.Id, campaign.Version));
        return (await drafter.GetAsync(campaign.Id))!;
    }

    [Fact]
    public async Task Every_item_PIPL_art_57_asks_for_is_required_and_the_drafter_cannot_approve_their_own_campaign()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var incident = await IncidentAsync(harness);
        var drafter = harness.As<CampaignService>(OfficerA);
        var values = await ValuesAsync(harness, incident);
        values["remedies"] = " ";
        var (errors, id) = await drafter.CreateAsync(new CampaignInput(CampaignKind.Breach, "告知", incident, null, CampaignChannels.None, values, new Dictionary<string, string>()));
        Assert.Null(id);
        Assert.Equal("Validation.Required", errors.For("zh.remedies"));
        Assert.Equal("Campaigns.Error.Channels", errors.For("Channels"));

        (errors, id) = await drafter.CreateAsync(new CampaignInput(CampaignKind.Breach, "告知", incident, null, CampaignChannels.Email, await ValuesAsync(harness, incident), new Dictionary<string, string>()));
        var campaign = (await drafter.GetAsync(id!.Value))!;
        Assert.Equal(CampaignChange.NoTest, await harness.As<CampaignService>(OfficerB).ApproveAsync(campaign.Id, campaign.Version));
        await drafter.SendTestAsync(campaign.Id, campaign.Version, "officer.check@example.com");
        campaign = (await drafter.GetAsync(campaign.Id))!;
        Assert.Equal(CampaignChange.SamePerson, await drafter.ApproveAsync(campaign.Id, campaign.Version));
        Assert.Equal(CampaignStatus.Draft, (await drafter.GetAsync(campaign.Id))!.Status);
        Assert.Equal(CampaignChange.Done, await harness.As<CampaignService>(OfficerB).ApproveAsync(campaign.Id, campaign.Version));

        var preview = (await drafter.PreviewAsync(campaign.Id)).Single();
        Assert.Contains("测试服务器日志未授权访问", preview.Subject, StringComparison.Ordinal);
        Assert.Contains("访问控制配置错误", preview.Body, StringComparison.Ordinal);
        await using var db = harness.Database.CreateDbContext();
        var test = await db.Set<OutboxMessage>().SingleAsync();
        Assert.Equal(campaign.CorrelationId + "-test", test.CorrelationId);
    }

    [Fact]
    public async Task A_fan_out_stopped_after_one_chunk_resumes_and_two_workers_at_once_still_write_each_person_once()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var incident = await IncidentAsync(harness);
        var people = CampaignService.ChunkSize * 2 + 500;
        Assert.True((await harness.As<AffectedImportService>(OfficerA).ImportAsync(incident, Emails(people))).Succeeded);
        var campaign = await ApprovedAsync(harness, incident, CampaignChannels.Email | CampaignChannels.Announcement);

        // The "crash": one chunk written, then the worker is gone.
        Assert.False(await harness.Get<CampaignService>().FanOutAsync(campaign.Id, maxChunks: 1));
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(CampaignService.ChunkSize + 1, await db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == campaign.CorrelationId));
        }

        var results = await Task.WhenAll(harness.Get<CampaignService>().FanOutAsync(campaign.Id), harness.Get<CampaignService>().FanOutAsync(campaign.Id));
        Assert.Contains(true, results);
        await using (var db = harness.Database.CreateDbContext())
        {
            var rows = await db.Set<OutboxMessage>().Where(m => m.CorrelationId == campaign.CorrelationId).ToListAsync();
            Assert.Equal(people + 1, rows.Count);
            Assert.Single(rows, r => r.Channel == NotificationChannel.Announcement);
            var protector = harness.Get<RecipientProtector>();
            Assert.Equal(people, rows.Where(r => r.RecipientProtected is not null).Select(r => protector.Unprotect(r.RecipientProtected!)).Distinct().Count());
        }
        var progress = (await harness.Get<CampaignService>().ProgressAsync(campaign.Id))!;
        Assert.Equal(people + 1, progress.Pending);
        Assert.Equal(people, progress.Reached);
        Assert.Equal(CampaignStatus.Running, progress.Status);

        // A later sweep writes nothing more.
        await harness.Get<CampaignService>().RunPendingAsync();
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(people + 1, await db.Set<OutboxMessage>().CountAsync(m => m.CorrelationId == campaign.CorrelationId));
        }
    }

    [Fact]
    public async Task An_announcement_campaign_publishes_on_notices_completes_and_meets_the_individual_notice_clock()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var incident = await IncidentAsync(harness, estimate: 20);
        var breaches = harness.As<BreachService>(OfficerA);
        await breaches.GradeAsync(incident, (await breaches.GetAsync(incident))!.Incident.Version, BreachGrade.General, null);
        var campaign = await ApprovedAsync(harness, incident, CampaignChannels.Announcement);
        Assert.True(await harness.Get<CampaignService>().FanOutAsync(campaign.Id));
        Assert.Equal(ClockState.Met, (await breaches.GetAsync(incident))!.Clocks.Single(c => c.PresetKey == ClockPresets.IndividualNotice).State);

        await harness.Get<OutboxDispatcher>().RunAsync();
        var progress = (await harness.Get<CampaignService>().ProgressAsync(campaign.Id))!;
        Assert.Equal((1, 0, CampaignStatus.Completed), (progress.Sent, progress.Pending, progress.Status));
        var notices = await harness.Get<OutboxQueries>().NoticesAsync(NotificationLanguages.Chinese);
        Assert.Contains(notices, n => n.Title.Contains("测试服务器日志未授权访问", StringComparison.Ordinal) && n.Body.Contains("（测试内容）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_policy_change_campaign_names_the_version_from_the_register_and_reaches_the_directory()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var campaigns = harness.As<CampaignService>(OfficerA);
        var versions = await campaigns.PolicyVersionsAsync();
        Assert.Equal(["2026.1", "2025.1"], versions.Select(v => v.Number));
        var (errors, _) = await campaigns.SavePolicyVersionAsync(0, 0, "2026.1", new DateOnly(2027, 1, 1), "x", "y");
        Assert.Equal("Campaigns.Error.PolicyDuplicate", errors.For("Number"));
        (errors, var outcome) = await campaigns.SavePolicyVersionAsync(0, 0, "2027.1", new DateOnly(2027, 1, 1), "新增账号注销后的数据保存说明。", "（全文）");
        Assert.Equal(CampaignChange.Done, outcome);
        var policy = (await campaigns.PolicyVersionsAsync()).First();
        Assert.Equal("2027.1", policy.Number);

        await Inventory.InventoryTestData.SubjectAsync(harness, new IdentifierInput(IdentifierKind.Email, "p1@example.com"));
        await Inventory.InventoryTestData.SubjectAsync(harness, new IdentifierInput(IdentifierKind.Phone, "13900000002"));
        var values = await campaigns.SuggestValuesAsync(CampaignKind.PolicyChange, null, policy.Id);
        values["contact"] = "个人信息保护负责人：privacy@example.com";
        values["policy_version"] = "9999";
        var (_, id) = await campaigns.CreateAsync(new CampaignInput(CampaignKind.PolicyChange, "隐私政策更新", null, policy.Id, CampaignChannels.Email | CampaignChannels.Sms, values, new Dictionary<string, string>()));
        var preview = (await campaigns.PreviewAsync(id!.Value)).Single();
        Assert.Contains("2027.1", preview.Subject, StringComparison.Ordinal);
        Assert.Contains("新增账号注销后的数据保存说明。", preview.Body, StringComparison.Ordinal);
        Assert.Equal(2, (await campaigns.GetAsync(id.Value))!.CohortSize);
    }
}
