using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Oversight.Reports;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Reports;

public sealed class ComplianceReportTests : IAsyncLifetime
{
    private static readonly DateTime Now = ComplianceTestData.Now;
    private static readonly DateOnly From = new(2026, 10, 1);
    private static readonly DateOnly To = new(2026, 10, 31);
    private ServiceHarness harness = default!;
    private ComplianceTestData data = default!;

    public async Task InitializeAsync()
    {
        harness = await ServiceHarness.CreateAsync(new DateTimeOffset(Now));
        data = new ComplianceTestData(harness);
        await data.InitializeAsync();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private static DateTime Oct(int day, int hourUtc = 2) => new(2026, 10, day, hourUtc, 0, 0, DateTimeKind.Utc);

    private async Task SeedOctoberAsync()
    {
        // October in Shanghai: 30 Sep 16:00 UTC to 31 Oct 16:00 UTC.
        await data.RequestAsync(RequestType.Access, RequestStatus.Closed, Oct(2), Oct(5), onTime: true);
        await data.RequestAsync(RequestType.Access, RequestStatus.Closed, Oct(3), Oct(10), onTime: true);
        await data.RequestAsync(RequestType.Access, RequestStatus.Closed, Oct(4), Oct(30), onTime: false);
        await data.RequestAsync(RequestType.Deletion, RequestStatus.Closed, Oct(6), Oct(8), onTime: true, outcome: RequestOutcome.Refused, reasons: "LegalDuty,TradeSecret");
        await data.RequestAsync(RequestType.Deletion, RequestStatus.Closed, Oct(7), Oct(9), onTime: true, outcome: RequestOutcome.Duplicate);
        await data.RequestAsync(RequestType.Correction, RequestStatus.InReview, Oct(31, 15));
        // Outside: received 31 Oct at 17:00 UTC is 1 Nov in Shanghai; closed in November.
        await data.RequestAsync(RequestType.Access, RequestStatus.InReview, Oct(31, 17));
        await data.RequestAsync(RequestType.Access, RequestStatus.Closed, new DateTime(2026, 9, 20, 2, 0, 0, DateTimeKind.Utc), Now.AddDays(-2), onTime: true);

        await data.IncidentAsync(BreachGrade.Major, Oct(12), BreachStatus.Closed, (Oct(12, 5), false), (Oct(20), true));
        await data.IncidentAsync(BreachGrade.Major, Oct(28), BreachStatus.Open, (null, false));
        await data.IncidentAsync(null, Now.AddDays(-1));

        await data.PurgeAsync(Oct(3), 4321);
        await data.PurgeAsync(Oct(17), 0, PurgeRunStatus.Held, held: 70);
        await data.PurgeAsync(Now.AddDays(-1), 999);

        await data.FollowUpAsync(Oct(10), closed: Oct(11));
        await data.FollowUpAsync(Oct(20));
        await data.FollowUpAsync(Now.AddDays(30));
    }

    [Fact]
    public async Task Figures_cover_whole_days_of_the_period_in_portal_time()
    {
        await SeedOctoberAsync();
        var report = await harness.Get<ComplianceReportService>().BuildAsync(From, To);

        Assert.Equal(6, report.Received);
        var access = report.Requests.Single(r => r.Type == RequestType.Access);
        Assert.Equal((3, 3, 2, 7d), (access.Received, access.Closed, access.ClosedOnTime, access.MedianDaysToClose));
        // The duplicate is received but not counted as answered.
        Assert.Equal((2, 1), (report.Requests.Single(r => r.Type == RequestType.Deletion).Received, report.Requests.Single(r => r.Type == RequestType.Deletion).Closed));
        Assert.Equal(4, report.Closed);
        Assert.Equal(1, report.Refusals.Cases);
        Assert.Equal([("LegalDuty", 1), ("TradeSecret", 1)], report.Refusals.ByReason);

        Assert.Equal(2, report.Incidents.Discovered);
        Assert.Equal([((BreachGrade?)BreachGrade.Major, 2)], report.Incidents.ByGrade);
        Assert.Equal((1, 1, 1), (report.Incidents.ReportsOnTime, report.Incidents.ReportsLate, report.Incidents.ReportsNotSubmitted));
        Assert.Equal((2, 1, 4321L, 70L), (report.Purges.Runs, report.Purges.Held, report.Purges.RowsDeleted, report.Purges.RowsHeld));
        // The follow-up of an erasure made after the period is not counted as open at its end.
        Assert.Equal((1, 1, 1), (report.FollowUps.ClosedInPeriod, report.FollowUps.OpenAtEnd, report.FollowUps.PastExpectedAtEnd));
        Assert.Null(report.AuditChain.Intact);
    }

    [Fact]
    public async Task The_download_is_a_chinese_docx_with_the_figures_and_is_audited()
    {
        await SeedOctoberAsync();
        await harness.Get<AuditVerifier>().VerifyAndRecordAsync(harness.Get<AuditTrail>(), "auditor-1");

        var (content, fileName) = await harness.Get<ComplianceReportService>().DocumentAsync(From, To);

        Assert.Equal("compliance-report-2026-10-01_2026-10-31.docx", fileName);
        using var zip = new ZipArchive(new MemoryStream(content));
        var entry = zip.GetEntry("word/document.xml");
        Assert.NotNull(entry);
        using var reader = new StreamReader(entry.Open());
        var xml = reader.ReadToEnd();
        var text = string.Concat(System.Xml.Linq.XDocument.Parse(xml).Descendants().Where(e => e.Name.LocalName == "t").Select(e => e.Value));
        Assert.Contains("个人信息保护合规报告", text);
        Assert.Contains("报告期间：2026年10月1日 至 2026年10月31日", text);
        Assert.Contains("共收到请求 6 件，办结 4 件，其中按期办结 3 件（按期率 75.0%）", text);
        Assert.Contains("查阅、复制33266.7%7", text);
        Assert.Contains("履行法律法规规定的义务1", text);
        Assert.Contains("其中按时报送 1 份，逾期报送 1 份", text);
        Assert.Contains("共删除 4321 行，因法律保全保留 70 行", text);
        Assert.Contains("哈希链完整", text);

        await using var db = harness.Database.CreateDbContext();
        var audited = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == ReportActions.ComplianceDownloaded);
        Assert.Equal("2026-10-01_2026-10-31", audited.TargetId);
        Assert.Null(audited.SubjectId);
    }

    [Theory]
    [InlineData("2026-10-31", "2026-10-01", null, "Reports.Error.Reversed")]
    [InlineData("2026-13-01", "2026-10-01", "Reports.Error.BadDate", null)]
    [InlineData("", "2026-10-01", "Reports.Error.FromRequired", null)]
    [InlineData("2026-10-01", "31/10/2026", null, "Reports.Error.BadDate")]
    [InlineData("2000-01-01", "2026-10-01", null, "Reports.Error.TooLong")]
    [InlineData("2026-10-01", "2026-10-01", null, null)]
    public void A_bad_or_reversed_period_gets_a_field_message(string from, string to, string? fromError, string? toError)
    {
        var (_, _, errors) = ComplianceReportService.Parse(from, to);
        Assert.Equal(fromError, errors.For("From"));
        Assert.Equal(toError, errors.For("To"));
    }
}
