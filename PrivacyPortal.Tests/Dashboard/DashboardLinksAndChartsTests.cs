using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Oversight.Dashboard;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Tests.Reports;

namespace PrivacyPortal.Tests.Dashboard;

public sealed class DashboardLinksAndChartsTests : IAsyncLifetime
{
    private static readonly DateTime Now = ComplianceTestData.Now;
    private ServiceHarness harness = default!;
    private ComplianceTestData data = default!;

    public async Task InitializeAsync()
    {
        harness = await ServiceHarness.CreateAsync(new DateTimeOffset(Now));
        data = new ComplianceTestData(harness);
        await data.InitializeAsync();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public void Queue_filters_read_from_and_written_to_the_address()
    {
        var filter = RequestQueueFilter.Parse("?due=overdue&type=Deletion&status=InReview");
        Assert.Equal([RequestStatus.InReview], filter.Statuses);
        Assert.Equal([RequestType.Deletion], filter.Types);
        Assert.Equal([RequestQueueFilter.OverdueFlag], filter.Due);
        Assert.Equal("requests?status=InReview&type=Deletion&due=overdue", filter.ToHref());

        // Unknown values (an old bookmark, a typo) are dropped, not errors; order of choosing does not matter.
        var messy = RequestQueueFilter.Parse("status=Fulfilling,nonsense,InReview&type=99&channel=Email&assignee=none&due=later,due-soon&q=PR-2026-000001");
        Assert.Equal("requests?status=InReview,Fulfilling&channel=Email&assignee=none&due=due-soon&q=PR-2026-000001", messy.ToHref());
        Assert.Equal("requests", RequestQueueFilter.Parse("").ToHref());
        var query = messy.ToQuery();
        Assert.Equal(AssigneeFilter.Unassigned, query.Assignee);
        Assert.True(query.DueSoon);
        Assert.False(query.Overdue);
    }

    [Fact]
    public async Task A_filter_from_the_address_selects_the_cases_the_chart_counted()
    {
        var wanted = await data.RequestAsync(RequestType.Deletion, RequestStatus.InReview, Now.AddDays(-20), dueInHours: -5);
        await data.RequestAsync(RequestType.Deletion, RequestStatus.InReview, Now.AddDays(-2), dueInHours: 200);
        await data.RequestAsync(RequestType.Access, RequestStatus.InReview, Now.AddDays(-20), dueInHours: -5);
        await data.RequestAsync(RequestType.Deletion, RequestStatus.AwaitingVerification, Now.AddDays(-20), dueInHours: -5);

        var page = await harness.Get<RequestQueueService>().QueryAsync(RequestQueueFilter.Parse("status=InReview&type=Deletion&due=overdue").ToQuery());
        Assert.Equal([wanted], page.Items.Select(r => r.Id));

        // The officer's dashboard sends each status bar and each clock slice to that slice of the queue.
        var dashboard = harness.Get<DashboardService>();
        var open = await dashboard.OpenRequestsAsync(canOpenQueue: true);
        Assert.Equal(["requests?status=AwaitingVerification", "requests?status=InReview", "requests?status=Fulfilling"], open.PointLinks);
        var health = await dashboard.ClockHealthAsync(canOpenQueue: true);
        Assert.Equal("requests?due=overdue", health.PointLinks![0]);
        Assert.Equal("requests?due=due-soon", health.PointLinks[1]);
        var overdue = await harness.Get<RequestQueueService>().QueryAsync(RequestQueueFilter.Parse(new Uri("http://x/" + health.PointLinks[0]).Query).ToQuery());
        Assert.Equal(health.Series[0].Values[0], overdue.TotalCount);
        Assert.Equal("requests?status=Closed", (await dashboard.OnTimeRateAsync(canOpenQueue: true)).Href);

        // Auditors have no queue: their charts keep the trail.
        var auditor = await dashboard.OpenRequestsAsync(canOpenQueue: false);
        Assert.StartsWith("audit?", auditor.Href);
        Assert.Null(auditor.PointLinks);
    }

    [Fact]
    public async Task Incidents_by_grade_and_report_timeliness()
    {
        await data.IncidentAsync(BreachGrade.Major, Now.AddDays(-30), BreachStatus.Closed, (Now.AddDays(-30).AddHours(2), false), (Now.AddDays(-20), true));
        await data.IncidentAsync(BreachGrade.Major, Now.AddDays(-3), BreachStatus.Open, (Now.AddDays(-3).AddHours(1), false), (null, false));
        await data.IncidentAsync(BreachGrade.General, Now.AddDays(-1));
        await data.IncidentAsync(null, Now.AddHours(-2), BreachStatus.Open, (null, false));
        var dashboard = harness.Get<DashboardService>();

        var grades = await dashboard.IncidentsByGradeAsync(canOpenList: true);
        Assert.Equal(["Dashboard.Ungraded", "Breaches.Grade.General", "Breaches.Grade.Larger", "Breaches.Grade.Major", "Breaches.Grade.Critical"], grades.Labels);
        Assert.Equal([1d, 1d, 0, 1d, 0], grades.Series.Single(s => s.Name == "Breaches.Status.Open").Values);
        Assert.Equal([0, 0, 0, 1d, 0], grades.Series.Single(s => s.Name == "Breaches.Status.Closed").Values);
        Assert.Equal("breaches", grades.Href);

        var timeliness = await dashboard.ReportTimelinessAsync(canOpenList: true);
        Assert.Equal([2d, 1d, 2d], timeliness.Series[0].Values);
        Assert.Equal("breaches", timeliness.Href);
        Assert.StartsWith("audit?", (await dashboard.ReportTimelinessAsync(canOpenList: false)).Href);
    }

    [Fact]
    public async Task Purge_volumes_per_month_and_backup_follow_ups_outstanding()
    {
        await data.PurgeAsync(Now.AddDays(-2), 1200);
        await data.PurgeAsync(Now.AddDays(-5), 300);
        await data.PurgeAsync(new DateTime(2026, 9, 10, 1, 0, 0, DateTimeKind.Utc), 50);
        await data.PurgeAsync(Now.AddDays(-3), 0, PurgeRunStatus.Held, held: 70);
        await data.PurgeAsync(new DateTime(2025, 9, 10, 1, 0, 0, DateTimeKind.Utc), 999);
        await data.FollowUpAsync(Now.AddDays(10));
        await data.FollowUpAsync(Now.AddDays(20));
        await data.FollowUpAsync(Now.AddDays(-1));
        await data.FollowUpAsync(Now.AddDays(-10), closed: Now.AddDays(-3));
        await data.FollowUpAsync(Now.AddDays(-40), closed: Now.AddDays(-35));
        var dashboard = harness.Get<DashboardService>();

        var purges = await dashboard.PurgeVolumesAsync(canOpenList: true);
        Assert.Equal([0, 0, 0, 50d, 0, 1500d], purges.Series[0].Values);
        Assert.Equal("retention", purges.Href);

        var followUps = await dashboard.BackupFollowUpsAsync(canOpenList: true);
        Assert.Equal([2d, 1d, 1d], followUps.Series[0].Values);
        Assert.Equal("backups", followUps.Href);

        var all = await dashboard.ChartsAsync(canOpenQueue: true);
        Assert.Equal(10, all.Count);
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
    }
}
