using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.Oversight.Dashboard;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Dashboard;

public sealed class DashboardServiceTests : IAsyncLifetime
{
    // Mon 16 Nov 2026, 10:00 in Shanghai.
    private static readonly DateTime Now = new(2026, 11, 16, 2, 0, 0, DateTimeKind.Utc);
    private ServiceHarness harness = default!;
    private long subjectId;

    public async Task InitializeAsync()
    {
        harness = await ServiceHarness.CreateAsync(new DateTimeOffset(Now));
        await using var db = harness.Database.CreateDbContext();
        var subject = new DataSubject { CreatedAtUtc = Now };
        db.Add(subject);
        await db.SaveChangesAsync();
        subjectId = subject.Id;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private async Task AddAsync(RequestType type, RequestStatus status, DateTime created, DateTime? closed = null, bool? onTime = null, double dueInHours = 300)
    {
        await using var db = harness.Database.CreateDbContext();
        db.Add(new DataSubjectRequest
        {
            SubjectId = subjectId, Type = type, Status = status, Channel = RequestChannel.Hotline400, Summary = "测试", IntakeId = Guid.NewGuid(),
            DueAtUtc = Now.AddHours(dueInHours), CreatedAtUtc = created, CreatedById = "agent", Version = 1, CaseNumber = $"~{Guid.NewGuid():N}"[..20],
            Outcome = closed is null ? null : RequestOutcome.Fulfilled, ClosedAtUtc = closed, ClosedOnTime = onTime,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Median_days_to_close_and_on_time_rate_are_per_month_in_portal_time()
    {
        // November 2026: access cases closed after 2, 4 and 9 days; one of them late. October: one deletion in 10 days.
        await AddAsync(RequestType.Access, RequestStatus.Closed, new(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc), new(2026, 11, 3, 2, 0, 0, DateTimeKind.Utc), true);
        await AddAsync(RequestType.Access, RequestStatus.Closed, new(2026, 11, 2, 2, 0, 0, DateTimeKind.Utc), new(2026, 11, 6, 2, 0, 0, DateTimeKind.Utc), true);
        await AddAsync(RequestType.Access, RequestStatus.Closed, new(2026, 11, 3, 2, 0, 0, DateTimeKind.Utc), new(2026, 11, 12, 2, 0, 0, DateTimeKind.Utc), false);
        await AddAsync(RequestType.Deletion, RequestStatus.Closed, new(2026, 10, 5, 2, 0, 0, DateTimeKind.Utc), new(2026, 10, 15, 2, 0, 0, DateTimeKind.Utc), true);
        var dashboard = harness.Get<DashboardService>();

        var median = await dashboard.MedianDaysToCloseAsync(canOpenQueue: false);
        Assert.Equal(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"], median.Labels);
        Assert.Equal([0, 0, 0, 0, 0, 4d], median.Series.Single(s => s.Name == "Requests.Type.Access").Values);
        Assert.Equal([0, 0, 0, 0, 10d, 0], median.Series.Single(s => s.Name == "Requests.Type.Deletion").Values);
        Assert.DoesNotContain(median.Series, s => s.Name == "Requests.Type.Correction");
        // Each month's bar opens the trail's closings of that month.
        Assert.Equal("audit?from=2026-11-01&to=2026-11-30&action=request.closed", median.PointLinks![5]);

        var onTime = await dashboard.OnTimeRateAsync(canOpenQueue: true);
        Assert.Equal([0, 0, 0, 0, 100d, 66.7], onTime.Series[0].Values);
        Assert.Equal("requests?status=Closed", onTime.Href);
        Assert.StartsWith("audit?", (await dashboard.OnTimeRateAsync(canOpenQueue: false)).Href);
    }

    [Fact]
    public async Task Open_requests_by_status_and_clock_health_count_only_open_cases()
    {
        await AddAsync(RequestType.Access, RequestStatus.InReview, Now.AddDays(-1), dueInHours: -5);
        await AddAsync(RequestType.Deletion, RequestStatus.InReview, Now.AddDays(-1), dueInHours: 24);
        await AddAsync(RequestType.Deletion, RequestStatus.AwaitingVerification, Now.AddDays(-1), dueInHours: 500);
        await AddAsync(RequestType.Access, RequestStatus.Closed, Now.AddDays(-3), Now.AddDays(-1), true);
        var dashboard = harness.Get<DashboardService>();

        var open = await dashboard.OpenRequestsAsync(true);
        Assert.Equal(["Requests.Status.AwaitingVerification", "Requests.Status.InReview", "Requests.Status.Fulfilling"], open.Labels);
        Assert.Equal([0, 1d, 0], open.Series.Single(s => s.Name == "Requests.Type.Access").Values);
        Assert.Equal([1d, 1d, 0], open.Series.Single(s => s.Name == "Requests.Type.Deletion").Values);

        var health = await dashboard.ClockHealthAsync(true);
        Assert.Equal([1d, 1d, 1d, 0, 0], health.Series[0].Values);
    }

    [Fact]
    public async Task Export_and_erasure_activity_counts_operations_per_month_and_links_to_the_trail()
    {
        await using (var db = harness.Database.CreateDbContext())
        {
            db.AddRange(
                new SubjectOperation { SubjectId = subjectId, Kind = OperationKind.Export, Status = OperationStatus.Completed, Reason = "access", RequestedById = "a", CreatedAtUtc = Now.AddDays(-2) },
                new SubjectOperation { SubjectId = subjectId, Kind = OperationKind.Erase, Status = OperationStatus.Completed, Reason = "deletion", RequestedById = "a", CreatedAtUtc = Now.AddDays(-40) });
            await db.SaveChangesAsync();
        }
        var chart = await harness.Get<DashboardService>().ExportErasureActivityAsync();
        Assert.Equal([0, 0, 0, 0, 0, 1d], chart.Series[0].Values);
        Assert.Equal([0, 0, 0, 0, 1d, 0], chart.Series[1].Values);
        Assert.Contains(Uri.EscapeDataString($"{ConnectorActions.ExportStarted},{ConnectorActions.EraseStarted}"), chart.Href);

        var all = await harness.Get<DashboardService>().ChartsAsync(canOpenQueue: false);
        Assert.Equal(10, all.Count);
        Assert.All(all, c => Assert.False(string.IsNullOrEmpty(c.Href)));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, DashboardService.Median([4, 1, 2, 3]));
        Assert.Equal(0, DashboardService.Median([]));
    }
}
