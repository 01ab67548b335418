using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

public sealed class QueueServiceTests : IAsyncLifetime
{
    // Mon 16 Nov 2026, 10:00 in Shanghai.
    private static readonly DateTime Now = new(2026, 11, 16, 2, 0, 0, DateTimeKind.Utc);
    private ServiceHarness harness = default!;
    private string officerA = "";
    private string officerB = "";
    private string agent = "";
    private long subjectId;

    public async Task InitializeAsync()
    {
        harness = await ServiceHarness.CreateAsync(new DateTimeOffset(Now));
        await using var db = harness.Database.CreateDbContext();
        var officers = new IdentityRole(Roles.ComplianceOfficer) { NormalizedName = Roles.ComplianceOfficer.ToUpperInvariant() };
        var service = new IdentityRole(Roles.CustomerService) { NormalizedName = Roles.CustomerService.ToUpperInvariant() };
        db.Roles.AddRange(officers, service);
        StaffUser Staff(string name, string email, IdentityRole role)
        {
            var user = new StaffUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, DisplayName = name, CreatedAtUtc = Now };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            return user;
        }
        officerA = Staff("周晓明", "zhou@portal.test", officers).Id;
        officerB = Staff("李娜", "li@portal.test", officers).Id;
        agent = Staff("王强", "wang@portal.test", service).Id;
        var subject = new DataSubject { CreatedAtUtc = Now };
        db.Add(subject);
        await db.SaveChangesAsync();
        subjectId = subject.Id;
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    /// <summary>The service as a signed-in officer gets it, so "mine" means that officer.</summary>
    private RequestQueueService Queue(string? actingAs = null)
    {
        var actor = new CurrentActor(new HttpContextAccessor(), new ServerAuthenticationStateProvider()) { ActingAs = actingAs ?? officerA };
        return new RequestQueueService(harness.Database, harness.Get<ClockService>(), new AuditTrail(harness.Get<AuditChainWriter>(), actor), actor, harness.Clock);
    }

    private async Task<DataSubjectRequest> AddAsync(
        RequestType type = RequestType.Deletion,
        RequestStatus status = RequestStatus.InReview,
        RequestChannel channel = RequestChannel.Hotline400,
        string? assignee = null,
        double dueInHours = 200,
        double createdHoursAgo = 24,
        bool uncertain = false,
        long? subject = null)
    {
        await using var db = harness.Database.CreateDbContext();
        var created = Now.AddHours(-createdHoursAgo);
        var request = new DataSubjectRequest
        {
            SubjectId = subject ?? subjectId, Type = type, Status = status, Channel = channel, AssigneeId = assignee, Summary = "测试", IntakeId = Guid.NewGuid(),
            DueAtUtc = Now.AddHours(dueInHours), DeadlineUncertain = uncertain, CreatedAtUtc = created, CreatedById = agent, Version = 1,
            CaseNumber = $"~{Guid.NewGuid():N}"[..20],
            Outcome = status == RequestStatus.Closed ? RequestOutcome.Fulfilled : null,
            ClosedAtUtc = status == RequestStatus.Closed ? Now.AddHours(-1) : null,
        };
        db.Add(request);
        await db.SaveChangesAsync();
        request.CaseNumber = DataSubjectRequest.FormatCaseNumber(request.Id, created);
        await db.SaveChangesAsync();
        return request;
    }

    private async Task<long> NewSubjectAsync()
    {
        await using var db = harness.Database.CreateDbContext();
        var subject = new DataSubject { CreatedAtUtc = Now };
        db.Add(subject);
        await db.SaveChangesAsync();
        return subject.Id;
    }

    private async Task<List<string>> CasesAsync(RequestQuery query, string? actingAs = null) =>
        (await Queue(actingAs).QueryAsync(query)).Items.Select(r => r.CaseNumber).ToList();

    private async Task<DataSubjectRequest> ReloadAsync(long id)
    {
        await using var db = harness.Database.CreateDbContext();
        return await db.Set<DataSubjectRequest>().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    [Fact]
    public async Task By_default_the_queue_shows_open_requests_earliest_deadline_first_with_references_only()
    {
        var later = await AddAsync(dueInHours: 300, assignee: officerA);
        var sooner = await AddAsync(dueInHours: 10, status: RequestStatus.AwaitingVerification);
        var overdue = await AddAsync(dueInHours: -5, status: RequestStatus.Fulfilling);
        await AddAsync(status: RequestStatus.Closed, dueInHours: -100);

        var page = await Queue().QueryAsync(new RequestQuery());

        Assert.Equal(3, page.TotalCount);
        Assert.Equal([overdue.CaseNumber, sooner.CaseNumber, later.CaseNumber], page.Items.Select(r => r.CaseNumber));
        var row = page.Items[^1];
        Assert.Equal(DataSubject.FormatReference(subjectId), row.SubjectReference);
        Assert.Equal("周晓明", row.AssigneeName);
        Assert.Null(page.Items[0].AssigneeName);
    }

    [Fact]
    public async Task Types_statuses_and_channel_filter_the_queue()
    {
        var deletion = await AddAsync(RequestType.Deletion);
        var access = await AddAsync(RequestType.Access, channel: RequestChannel.Email);
        var correction = await AddAsync(RequestType.Correction, status: RequestStatus.Fulfilling);
        var closed = await AddAsync(RequestType.Deletion, status: RequestStatus.Closed);

        Assert.Equal([deletion.CaseNumber, access.CaseNumber], await CasesAsync(new RequestQuery { Types = [RequestType.Deletion, RequestType.Access] }));
        Assert.Equal([correction.CaseNumber], await CasesAsync(new RequestQuery { Statuses = [RequestStatus.Fulfilling] }));
        Assert.Equal([deletion.CaseNumber, closed.CaseNumber], await CasesAsync(new RequestQuery { Types = [RequestType.Deletion], Statuses = [RequestStatus.InReview, RequestStatus.Closed] }));
        Assert.Equal([access.CaseNumber], await CasesAsync(new RequestQuery { Channel = RequestChannel.Email }));
    }

    [Fact]
    public async Task Assignee_filters_find_mine_someone_elses_and_unassigned()
    {
        var mine = await AddAsync(assignee: officerA, dueInHours: 10);
        var hers = await AddAsync(assignee: officerB, dueInHours: 20);
        var nobody = await AddAsync(dueInHours: 30);

        Assert.Equal([mine.CaseNumber], await CasesAsync(new RequestQuery { Assignee = AssigneeFilter.Mine }));
        Assert.Equal([hers.CaseNumber], await CasesAsync(new RequestQuery { Assignee = AssigneeFilter.Mine }, actingAs: officerB));
        Assert.Equal([hers.CaseNumber], await CasesAsync(new RequestQuery { Assignee = AssigneeFilter.Specific, AssigneeId = officerB }));
        Assert.Equal([nobody.CaseNumber], await CasesAsync(new RequestQuery { Assignee = AssigneeFilter.Unassigned }));
        Assert.Equal(3, (await Queue().QueryAsync(new RequestQuery { Assignee = AssigneeFilter.Any })).TotalCount);
    }

    [Fact]
    public async Task Overdue_due_soon_and_uncertain_follow_the_deadline()
    {
        var overdue = await AddAsync(dueInHours: -1);
        var soon = await AddAsync(dueInHours: 71);
        var later = await AddAsync(dueInHours: 73, uncertain: true);
        await AddAsync(status: RequestStatus.Closed, dueInHours: -50);
        await AddAsync(status: RequestStatus.Closed, dueInHours: 5);

        Assert.Equal([overdue.CaseNumber], await CasesAsync(new RequestQuery { Overdue = true }));
        // 72 h: the due-soon window of the GB/T 35273 request target preset.
        Assert.Equal(72, await Queue().DueSoonHoursAsync());
        Assert.Equal([soon.CaseNumber], await CasesAsync(new RequestQuery { DueSoon = true }));
        Assert.Equal([later.CaseNumber], await CasesAsync(new RequestQuery { UncertainOnly = true }));

        // Time passes: what was due soon is now overdue, and the later one comes due.
        harness.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal([overdue.CaseNumber], await CasesAsync(new RequestQuery { Overdue = true }));
        Assert.Equal([soon.CaseNumber, later.CaseNumber], await CasesAsync(new RequestQuery { DueSoon = true }));
    }

    [Fact]
    public async Task A_case_number_finds_its_case_even_when_closed()
    {
        await AddAsync();
        var closed = await AddAsync(status: RequestStatus.Closed);

        Assert.Equal([closed.CaseNumber], await CasesAsync(new RequestQuery { CaseNumber = " " + closed.CaseNumber.ToLowerInvariant() + " " }));
        Assert.Empty(await CasesAsync(new RequestQuery { CaseNumber = closed.CaseNumber, Statuses = [RequestStatus.InReview] }));
        Assert.Empty(await CasesAsync(new RequestQuery { CaseNumber = "PR-2026-999999" }));
    }

    [Fact]
    public async Task Pages_are_cut_in_the_database_and_sorting_by_received_or_due_works_both_ways()
    {
        var requests = new List<DataSubjectRequest>();
        for (var i = 0; i < 7; i++)
        {
            // Due order is the reverse of received order.
            requests.Add(await AddAsync(dueInHours: 100 - i, createdHoursAgo: 10 + i));
        }

        var second = await Queue().QueryAsync(new RequestQuery { Page = 1, PageSize = 3 });
        Assert.Equal(7, second.TotalCount);
        Assert.Equal(requests.AsEnumerable().Reverse().Skip(3).Take(3).Select(r => r.CaseNumber), second.Items.Select(r => r.CaseNumber));

        var last = await Queue().QueryAsync(new RequestQuery { Page = 2, PageSize = 3 });
        Assert.Single(last.Items);

        Assert.Equal(requests.Select(r => r.CaseNumber), await CasesAsync(new RequestQuery { Sort = RequestSort.DueDate, Descending = true }));
        Assert.Equal(requests.Select(r => r.CaseNumber).Reverse(), await CasesAsync(new RequestQuery { Sort = RequestSort.Created }));
        Assert.Equal(requests.Select(r => r.CaseNumber), await CasesAsync(new RequestQuery { Sort = RequestSort.Created, Descending = true }));
    }

    [Fact]
    public async Task A_page_larger_than_100_rows_is_refused_with_a_clear_error()
    {
        await AddAsync();
        Assert.Single((await Queue().QueryAsync(new RequestQuery { PageSize = 100 })).Items);
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue().QueryAsync(new RequestQuery { PageSize = 101 }));
        Assert.Contains("between 1 and 100", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Queue().QueryAsync(new RequestQuery { PageSize = 0 }));
    }

    [Fact]
    public async Task Assigning_skips_rows_changed_meanwhile_and_reports_them()
    {
        var fresh = await AddAsync();
        var stale = await AddAsync();
        var closed = await AddAsync(status: RequestStatus.Closed);
        // Someone else took the second case after the officer loaded the page.
        Assert.Equal([stale.CaseNumber], (await Queue(officerB).AssignAsync([new RequestRef(stale.Id, 1)], officerB)).Done);

        var result = await Queue().AssignAsync([new(fresh.Id, 1), new(stale.Id, 1), new(closed.Id, 1)], officerA);

        Assert.Null(result.ErrorKey);
        Assert.Equal([fresh.CaseNumber], result.Done);
        Assert.Equal([stale.CaseNumber], result.Conflicts);
        Assert.Equal([closed.CaseNumber], result.Skipped);
        var assigned = await ReloadAsync(fresh.Id);
        Assert.Equal(officerA, assigned.AssigneeId);
        Assert.Equal(2, assigned.Version);
        Assert.Equal(officerB, (await ReloadAsync(stale.Id)).AssigneeId);
        Assert.Null((await ReloadAsync(closed.Id)).AssigneeId);

        await using var db = harness.Database.CreateDbContext();
        var audit = await db.Set<AuditEvent>().Where(e => e.Action == RequestActions.Assigned).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Equal(fresh.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit[^1].TargetId);
        Assert.Equal(SubjectDirectory.Id(subjectId), audit[^1].SubjectId);
        Assert.Equal(officerA, audit[^1].ActorId);
    }

    [Fact]
    public async Task Only_active_compliance_officers_can_be_given_cases_and_null_takes_them_back()
    {
        var request = await AddAsync(assignee: officerA);

        Assert.Equal("Requests.Queue.AssigneeInvalid", (await Queue().AssignAsync([new(request.Id, 1)], agent)).ErrorKey);
        Assert.Equal("Requests.Queue.AssigneeInvalid", (await Queue().AssignAsync([new(request.Id, 1)], "no-such-user")).ErrorKey);
        Assert.Equal("Requests.Queue.NothingSelected", (await Queue().AssignAsync([], officerA)).ErrorKey);
        Assert.Equal(officerA, (await ReloadAsync(request.Id)).AssigneeId);
        Assert.Equal(new[] { "李娜", "周晓明" }.Order(StringComparer.Ordinal), (await Queue().AssigneesAsync()).Select(a => a.DisplayName).Order(StringComparer.Ordinal));

        Assert.Equal([request.CaseNumber], (await Queue().AssignAsync([new(request.Id, 1)], null)).Done);
        Assert.Null((await ReloadAsync(request.Id)).AssigneeId);
    }

    [Fact]
    public async Task Marking_duplicates_closes_each_case_against_an_open_target()
    {
        var target = await AddAsync();
        var early = await AddAsync(dueInHours: 5);
        var late = await AddAsync(dueInHours: -5);
        var stale = await AddAsync();
        var clock = await harness.Get<ClockService>().StartAsync("request", early.CaseNumber, ClockPresets.RequestTarget, Now);
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Set<DataSubjectRequest>().Where(r => r.Id == early.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClockId, clock.Id));
        }

        var result = await Queue().MarkDuplicateAsync([new(early.Id, 1), new(late.Id, 1), new(stale.Id, 7)], target.CaseNumber.ToLowerInvariant());

        Assert.Null(result.ErrorKey);
        Assert.Equal([early.CaseNumber, late.CaseNumber], result.Done);
        Assert.Equal([stale.CaseNumber], result.Conflicts);
        var closedEarly = await ReloadAsync(early.Id);
        Assert.Equal(RequestStatus.Closed, closedEarly.Status);
        Assert.Equal(RequestOutcome.Duplicate, closedEarly.Outcome);
        Assert.Equal(target.Id, closedEarly.DuplicateOfId);
        Assert.Equal(Now, closedEarly.ClosedAtUtc);
        Assert.True(closedEarly.ClosedOnTime);
        Assert.Equal(2, closedEarly.Version);
        Assert.False((await ReloadAsync(late.Id)).ClosedOnTime);
        Assert.Equal(RequestStatus.InReview, (await ReloadAsync(stale.Id)).Status);
        Assert.Equal(RequestStatus.InReview, (await ReloadAsync(target.Id)).Status);
        // Its answer clock stops: no reminders for a case answered under another number.
        Assert.Equal(ClockState.Met, (await harness.Get<ClockService>().GetAsync(clock.Id))!.State);

        await using var check = harness.Database.CreateDbContext();
        Assert.Equal(2, await check.Set<AuditEvent>().CountAsync(e => e.Action == RequestActions.MarkedDuplicate));
    }

    [Fact]
    public async Task Marking_duplicates_is_refused_against_a_closed_unknown_or_selected_target()
    {
        var open = await AddAsync();
        var other = await AddAsync();
        var closed = await AddAsync(status: RequestStatus.Closed);

        Assert.Equal("Requests.Queue.DuplicateTargetClosed", (await Queue().MarkDuplicateAsync([new(open.Id, 1)], closed.CaseNumber)).ErrorKey);
        Assert.Equal("Requests.Queue.DuplicateTargetSelected", (await Queue().MarkDuplicateAsync([new(open.Id, 1), new(other.Id, 1)], other.CaseNumber)).ErrorKey);
        Assert.Equal("Requests.Queue.DuplicateTargetNotFound", (await Queue().MarkDuplicateAsync([new(open.Id, 1)], "PR-2026-999999")).ErrorKey);
        Assert.Equal("Requests.Queue.DuplicateTargetRequired", (await Queue().MarkDuplicateAsync([new(open.Id, 1)], "  ")).ErrorKey);
        var someoneElse = await AddAsync(subject: await NewSubjectAsync());
        Assert.Equal("Requests.Queue.DuplicateTargetOtherSubject", (await Queue().MarkDuplicateAsync([new(open.Id, 1)], someoneElse.CaseNumber)).ErrorKey);
        Assert.Equal(RequestStatus.InReview, (await ReloadAsync(open.Id)).Status);
        Assert.Equal(RequestStatus.InReview, (await ReloadAsync(other.Id)).Status);
    }
}
