using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Cases.Backups;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Backups;

public sealed class BackupTests
{
    // Monday 23 Nov 2026, 10:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private sealed record Setup(ServiceHarness Harness, TargetDatabase Crm, long SubjectId, long PhoneId, int SystemId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Crm.Dispose();
            await Harness.DisposeAsync();
        }
    }

    private static async Task<Setup> SetupAsync()
    {
        var harness = await ServiceHarness.CreateAsync(Now);
        var crm = new TargetDatabase("crm");
        crm.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        crm.AddLogins("13800000001", 12, new DateTime(2026, 1, 1));
        crm.AddLogins("13800000002", 3, new DateTime(2026, 1, 1));
        var systemId = await crm.RegisterAsync(harness, "客户关系管理系统");
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13800000001"), new(IdentifierKind.Email, "wang.fang@example.com")]);
        var card = await harness.Get<SubjectDirectory>().GetAsync(subjectId!.Value);
        return new Setup(harness, crm, subjectId.Value, card!.Identifiers.Single(i => i.Kind == IdentifierKind.Phone).Id, systemId);
    }

    private static async Task<(long RequestId, RequestCaseService Cases)> ApprovedDeletionAsync(Setup s)
    {
        var result = await s.Harness.Get<RequestService>().TakeAsync(new IntakeInput
        {
            SubjectId = s.SubjectId, Types = [RequestType.Deletion], Summary = "来电要求删除账户相关信息", AcknowledgeToIdentifierId = s.PhoneId,
        });
        var created = Assert.Single(result.Created);
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            await db.Set<DataSubjectRequest>().Where(r => r.Id == created.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RequestStatus.InReview).SetProperty(r => r.VerificationMethod, VerificationMethod.DocumentCheck)
                .SetProperty(r => r.VerificationResult, VerificationResult.Passed));
        }
        var cases = s.Harness.Get<RequestCaseService>();
        var version = (await cases.GetAsync(created.Id))!.Request.Version;
        Assert.Equal(CaseChange.Done, (await cases.DecideAsync(created.Id, version, DecisionKind.Approve, [], null)).Change);
        return (created.Id, cases);
    }

    private static DateTime Utc(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_catalogue_with_an_unknown_system_or_an_expiry_before_its_creation_is_refused_line_by_line_and_nothing_is_saved()
    {
        await using var s = await SetupAsync();
        var backups = s.Harness.Get<BackupService>();
        var csv = $"""
            {BackupService.CsvHeader}
            客户关系管理系统,2026-11-20 02:00,2026-12-20 02:00,oss://backup/crm/20261120
            不存在的系统,2026-11-21 02:00,2026-12-21 02:00,oss://backup/x
            客户关系管理系统,2026-11-22 02:00,2026-11-01 02:00,oss://backup/crm/20261122
            客户关系管理系统,2026-13-01 02:00,2026-12-22 02:00,oss://backup/crm/bad
            """;
        var (imported, errors) = await backups.ImportCsvAsync(csv);
        Assert.Equal(0, imported);
        Assert.Equal([(3, "Backups.Import.UnknownSystem"), (4, "Backups.Set.ExpiresBeforeTaken"), (5, "Backups.Import.BadTime")], errors.Select(e => (e.Line, e.MessageKey)));
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            Assert.Equal(0, await db.Set<BackupSet>().CountAsync());
        }

        var (good, none) = await backups.ImportCsvAsync($"{BackupService.CsvHeader}\n客户关系管理系统,2026-11-20 02:00,2026-12-20 02:00,oss://backup/crm/20261120\n");
        Assert.Empty(none);
        Assert.Equal(1, good);
        var set = (await backups.SetsAsync(null, 0, 10)).Items.Single().Set;
        // Times in the catalogue are Beijing time.
        Assert.Equal(new DateTime(2026, 11, 19, 18, 0, 0), set.TakenAtUtc);
        Assert.Equal(BackupSetSource.Import, set.Source);
    }

    [Fact]
    public async Task An_erasure_gets_one_follow_up_per_backup_set_that_holds_the_person_and_they_close_as_the_sets_expire()
    {
        await using var s = await SetupAsync();
        var backups = s.Harness.Get<BackupService>();
        Assert.True((await backups.AddSetAsync(new BackupSetInput(s.SystemId, Utc(11, 20), Utc(12, 20), "oss://backup/crm/1120"))).Errors.IsValid);
        Assert.True((await backups.AddSetAsync(new BackupSetInput(s.SystemId, Utc(11, 22), Utc(12, 22), "oss://backup/crm/1122"))).Errors.IsValid);
        // Already expired before the erasure: holds nothing any more.
        Assert.True((await backups.AddSetAsync(new BackupSetInput(s.SystemId, Utc(10, 1), Utc(11, 1), "oss://backup/crm/1001"))).Errors.IsValid);
        var (bad, _) = await backups.AddSetAsync(new BackupSetInput(s.SystemId, Utc(11, 22), Utc(11, 21), ""));
        Assert.Equal("Backups.Set.ExpiresBeforeTaken", bad.For("ExpiresAt"));
        Assert.Equal("Validation.Required", bad.For("Location"));

        var (requestId, cases) = await ApprovedDeletionAsync(s);
        Assert.Equal(OperationStatus.Completed, (await cases.FulfilAsync(requestId)).Status);
        var followUps = (await cases.GetAsync(requestId))!.FollowUps;
        Assert.Equal([Utc(12, 20), Utc(12, 22)], followUps.Select(f => f.ExpectedByUtc).Order());

        s.Harness.Clock.SetUtcNow(new DateTimeOffset(Utc(12, 21)));
        Assert.Equal(new FollowUpSweep(1, 0), await backups.SweepFollowUpsAsync());
        var row = (await backups.ErasuresAsync(0, 10)).Items.Single();
        Assert.Equal((1, 2, Utc(12, 22)), (row.Open, row.Total, row.GoneFromBackupsByUtc!.Value));

        // The other set was overwritten early: rotated, its follow-up closes at the next sweep.
        var second = (await backups.SetsAsync(null, 0, 10)).Items.Single(i => i.Set.TakenAtUtc == Utc(11, 22)).Set;
        Assert.True(await backups.MarkRotatedAsync(second.Id));
        Assert.Equal(new FollowUpSweep(1, 0), await backups.SweepFollowUpsAsync());
        Assert.All((await cases.GetAsync(requestId))!.FollowUps, f => Assert.NotNull(f.ClosedAtUtc));
    }

    [Fact]
    public async Task A_follow_up_without_a_known_set_is_escalated_past_its_date_and_a_rotation_policy_records_the_expected_sets()
    {
        await using var s = await SetupAsync();
        var (requestId, cases) = await ApprovedDeletionAsync(s);
        await cases.FulfilAsync(requestId);
        // No set registered: one follow-up at the configured rotation (30 days), escalated once it passes.
        var followUp = Assert.Single((await cases.GetAsync(requestId))!.FollowUps);
        Assert.Equal(Now.UtcDateTime.AddDays(30), followUp.ExpectedByUtc);
        var backups = s.Harness.Get<BackupService>();
        s.Harness.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(new FollowUpSweep(0, 1), await backups.SweepFollowUpsAsync());

        var (errors, _) = await backups.AddPolicyAsync(new BackupPolicyInput(s.SystemId, 24, 7, "nas://crm/daily", Now.UtcDateTime.AddDays(-100)));
        Assert.True(errors.IsValid);
        var sets = (await backups.SetsAsync(s.SystemId, 0, 100)).Items;
        // Daily sets kept 7 days: the 7 or 8 still alive are recorded, none of the 100-day history.
        Assert.InRange(sets.Count, 7, 8);
        Assert.All(sets, x => Assert.Equal(BackupSetSource.Policy, x.Set.Source));
        Assert.Equal(0, await backups.GeneratePolicySetsAsync());
        s.Harness.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await backups.GeneratePolicySetsAsync());
    }

    [Fact]
    public async Task Restoring_a_backup_set_reapplies_the_erasures_it_brought_back_and_a_held_subject_is_not_erased()
    {
        await using var s = await SetupAsync();
        var backups = s.Harness.Get<BackupService>();
        var (_, setId) = await backups.AddSetAsync(new BackupSetInput(s.SystemId, Utc(11, 20), Utc(12, 20), "oss://backup/crm/1120"));
        var (requestId, cases) = await ApprovedDeletionAsync(s);
        await cases.FulfilAsync(requestId);
        Assert.Equal(0, s.Crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));

        // The set from 20 Nov goes back into the system: the person's logins are back.
        s.Crm.AddLogins("13800000001", 12, new DateTime(2026, 1, 1));
        s.Harness.Clock.Advance(TimeSpan.FromDays(2));
        var result = await backups.RecordRestoreAsync(setId!.Value);
        Assert.True(result.Errors.IsValid);
        Assert.Equal((1, 1, 0), (result.Restore!.Erasures, result.Restore.Reapplied, result.Restore.Failed));
        Assert.Equal(0, s.Crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
        Assert.Equal(3, s.Crm.Scalar("SELECT COUNT(*) FROM logins"));
        await using var db = s.Harness.Database.CreateDbContext();
        Assert.Contains(await db.AuditEvents.Where(e => e.Action == BackupActions.ErasureReapplied).Select(e => e.SubjectId).ToListAsync(), id => id == s.SubjectId.ToString());
    }

    [Fact]
    public async Task A_deletion_request_for_a_held_subject_is_not_erased_and_says_why()
    {
        await using var s = await SetupAsync();
        string owner;
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            var user = new PrivacyPortal.Security.StaffUser { UserName = "o@portal.test", Email = "o@portal.test", DisplayName = "合规专员", IsActive = true };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            owner = user.Id;
        }
        var (holdErrors, _) = await s.Harness.Get<LegalHoldService>().PlaceAsync(new LegalHoldInput(LegalHoldScope.Subjects, LegalHoldReason.LegalDuty, "税务稽查 2026-017", null, null,
            [s.SubjectId.ToString()], owner, Now.UtcDateTime.AddDays(30)));
        Assert.True(holdErrors.IsValid);
        var (requestId, cases) = await ApprovedDeletionAsync(s);
        var (errors, status) = await cases.FulfilAsync(requestId);
        Assert.Null(status);
        Assert.Equal("Retention.Hold.BlocksErasure", errors.For("Fulfil"));
        Assert.Equal(12, s.Crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
    }
}
