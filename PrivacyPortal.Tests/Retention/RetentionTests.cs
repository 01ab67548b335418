using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Retention;

public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Retention:BatchSize"] = "7",
        ["Retention:PauseMilliseconds"] = "0",
    };

    private sealed record Setup(ServiceHarness Harness, TargetDatabase Logs, int SystemId, long HeldSubjectId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Logs.Dispose();
            await Harness.DisposeAsync();
        }
    }

    /// <summary>Logins: 30 old ones of 138…01, 40 old ones of 138…02, 10 recent ones of each.</summary>
    private static async Task<Setup> SetupAsync()
    {
        var harness = await ServiceHarness.CreateAsync(Now, Settings);
        var logs = new TargetDatabase("usage");
        logs.AddLogins("13800000001", 30, new DateTime(2026, 1, 1));
        logs.AddLogins("13800000002", 40, new DateTime(2026, 2, 1));
        logs.AddLogins("13800000001", 10, new DateTime(2026, 11, 1));
        logs.AddLogins("13800000002", 10, new DateTime(2026, 11, 1));
        var systemId = await logs.RegisterAsync(harness, "用户行为日志库");
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13800000001")]);
        return new Setup(harness, logs, systemId, subjectId!.Value);
    }

    private static async Task<long> ActiveRuleAsync(Setup s, int months = 6, string table = "logins")
    {
        var rules = s.Harness.Get<RetentionService>();
        var (errors, _, id) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, table, months, RetentionUnit.CalendarMonths, RetentionBasis.Law, "网络安全法 第二十三条", 0));
        Assert.True(errors.IsValid, string.Join(", ", errors));
        await rules.DryRunAsync(id!.Value);
        var rule = (await rules.GetAsync(id.Value))!;
        Assert.True((await rules.ActivateAsync(id.Value, rule.Version)).Errors.IsValid);
        return id.Value;
    }

    private static async Task<string> OfficerAsync(ServiceHarness harness)
    {
        await using var db = harness.Database.CreateDbContext();
        var role = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.ComplianceOfficer) { NormalizedName = Roles.ComplianceOfficer.ToUpperInvariant() };
        if (!await db.Roles.AnyAsync(r => r.Name == Roles.ComplianceOfficer))
        {
            db.Roles.Add(role);
        }
        var user = new StaffUser { UserName = "officer@portal.test", Email = "officer@portal.test", DisplayName = "合规专员 周晓明", IsActive = true };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var roleId = await db.Roles.Where(r => r.Name == Roles.ComplianceOfficer).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new() { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return user.Id;
    }

    [Fact]
    public async Task A_rule_with_an_unknown_table_a_bad_period_one_below_the_legal_minimum_or_no_basis_is_refused_and_nothing_is_saved()
    {
        await using var s = await SetupAsync();
        var rules = s.Harness.Get<RetentionService>();

        var (unknown, _, _) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "no_such_table", 12, RetentionUnit.CalendarMonths, RetentionBasis.Law, "x", 0));
        Assert.Equal("Retention.Rule.UnknownTable", unknown.For("Table"));
        var (negative, _, _) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "logins", -3, RetentionUnit.Days, RetentionBasis.Law, "x", 0));
        Assert.Equal("Retention.Rule.PeriodRange", negative.For("Period"));
        // Logins are network logs: 6 calendar months at least (Cybersecurity Law art. 23(3)); 180 days is less.
        var (months, _, _) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "logins", 5, RetentionUnit.CalendarMonths, RetentionBasis.BusinessNeed, "x", 0));
        Assert.Equal("Retention.Rule.BelowMinimum", months.For("Period"));
        var (days, _, _) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "logins", 180, RetentionUnit.Days, RetentionBasis.BusinessNeed, "x", 0));
        Assert.Equal("Retention.Rule.BelowMinimum", days.For("Period"));
        var (noBasis, _, _) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "logins", 6, RetentionUnit.CalendarMonths, null, " ", 0));
        Assert.Equal("Validation.Required", noBasis.For("Basis"));
        Assert.Equal("Validation.Required", noBasis.For("BasisNote"));
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            Assert.Equal(0, await db.Set<RetentionRule>().CountAsync());
        }

        // The customers table holds no network logs: a short period is allowed there.
        var (ok, _, id) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "customers", 30, RetentionUnit.Days, RetentionBasis.Contract, "服务协议第 9 条", 0));
        Assert.True(ok.IsValid);
        // Activation needs a dry run first.
        var rule = (await rules.GetAsync(id!.Value))!;
        Assert.Equal("Retention.Rule.DryRunFirst", (await rules.ActivateAsync(id.Value, rule.Version)).Errors.For("Status"));
    }

    [Fact]
    public async Task An_account_open_plus_N_rule_counts_from_the_closing_and_the_job_clears_only_accounts_closed_long_enough()
    {
        await using var s = await SetupAsync();
        s.Logs.AddCustomer("XZ10000001", "客户甲", "a@example.com", "13800000001", closedAt: "2023-10-01 00:00:00");
        s.Logs.AddCustomer("XZ10000002", "客户乙", "b@example.com", "13800000002", closedAt: "2025-06-01 00:00:00");
        s.Logs.AddCustomer("XZ10000003", "客户丙", "c@example.com", "13800000003");
        var rules = s.Harness.Get<RetentionService>();

        // The logs table records no account closing: the rule form is refused there, nothing saved.
        var (refused, _, _) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "logins", 6, RetentionUnit.CalendarMonths, RetentionBasis.Law, "x", 0, PurgeAnchor.AccountClosed));
        Assert.Equal("Retention.Rule.NoAccountClosed", refused.For("Table"));
        var option = (await rules.TablesAsync()).Single(t => t.Table == "customers");
        Assert.Equal([PurgeAnchor.RecordTime, PurgeAnchor.AccountClosed], option.Anchors);

        // Kept while the account is open, then 3 years (contract): only the account closed in 2023 is past it.
        var (errors, _, id) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "customers", 36, RetentionUnit.CalendarMonths, RetentionBasis.Contract, "服务协议第 9 条", 0, PurgeAnchor.AccountClosed));
        Assert.True(errors.IsValid, string.Join(", ", errors));
        var dry = (await rules.DryRunAsync(id!.Value))!;
        Assert.Equal(new DateTime(2023, 11, 23, 2, 0, 0), dry.CutoffUtc);
        Assert.Equal(1, dry.Counts!.Expired);
        Assert.Equal(new DateTime(2025, 6, 1), dry.Counts.OldestKeptUtc);
        Assert.True((await rules.ActivateAsync(id.Value, (await rules.GetAsync(id.Value))!.Version)).Errors.IsValid);

        var run = Assert.Single(await s.Harness.Get<PurgeRunner>().RunAllAsync());
        Assert.Equal((PurgeRunStatus.Completed, 1L), (run.Status, run.RowsDeleted));
        // Customers are anonymised on erasure (the row stays for revenue totals): the closed account is unlinked.
        Assert.Equal(3, s.Logs.Scalar("SELECT COUNT(*) FROM customers"));
        Assert.Equal(0, s.Logs.Scalar("SELECT COUNT(*) FROM customers WHERE account_id = 'XZ10000001' OR phone = '13800000001'"));
        Assert.Equal(2, s.Logs.Scalar("SELECT COUNT(*) FROM customers WHERE account_id IN ('XZ10000002', 'XZ10000003')"));
        // The logs of the same phone follow their own rule, not this one.
        Assert.Equal(90, s.Logs.Scalar("SELECT COUNT(*) FROM logins"));
        await using var db = s.Harness.Database.CreateDbContext();
        var audit = await db.AuditEvents.Where(e => e.Action == RetentionActions.RuleSaved).Select(e => e.Detail).SingleAsync();
        Assert.Contains("\"anchor\":\"AccountClosed\"", audit ?? "");
    }

    [Fact]
    public async Task The_dry_run_counts_the_purge_batches_delete_only_expired_rows_and_a_held_subjects_rows_stay_counted()
    {
        await using var s = await SetupAsync();
        var owner = await OfficerAsync(s.Harness);
        var holds = s.Harness.Get<LegalHoldService>();
        var (holdErrors, holdId) = await holds.PlaceAsync(new LegalHoldInput(LegalHoldScope.Subjects, LegalHoldReason.CourtOrder, "（2026）京0105民初12345号 保全裁定", null, null,
            [DataSubject.FormatReference(s.HeldSubjectId)], owner, Now.UtcDateTime.AddDays(90)));
        Assert.True(holdErrors.IsValid, string.Join(", ", holdErrors));

        var rules = s.Harness.Get<RetentionService>();
        var (_, _, id) = await rules.SaveAsync(new RetentionRuleInput(null, s.SystemId, "logins", 6, RetentionUnit.CalendarMonths, RetentionBasis.Law, "网络安全法 第二十三条", 0));
        var dry = (await rules.DryRunAsync(id!.Value))!;
        Assert.Equal(40, dry.Counts!.Expired);
        Assert.Equal(30, dry.Counts.Held);
        Assert.Equal(new DateTime(2026, 11, 1), dry.Counts.OldestKeptUtc);
        Assert.Equal(new DateTime(2026, 5, 23, 2, 0, 0), dry.CutoffUtc);
        Assert.Equal(90, s.Logs.Scalar("SELECT COUNT(*) FROM logins"));
        var rule = (await rules.GetAsync(id.Value))!;
        Assert.True((await rules.ActivateAsync(id.Value, rule.Version)).Errors.IsValid);

        var run = Assert.Single(await s.Harness.Get<PurgeRunner>().RunAllAsync());
        Assert.Equal(PurgeRunStatus.Completed, run.Status);
        Assert.Equal(40, run.RowsDeleted);
        Assert.Equal(6, run.Batches); // 7 per batch: 5 full, one short
        Assert.Equal(30, run.HeldRows);
        Assert.Equal(holdId.ToString(), run.HoldIds);
        Assert.Equal(0, s.Logs.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000002' AND accessed_at < '2026-05-23'"));
        Assert.Equal(40, s.Logs.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
        Assert.Equal(10, s.Logs.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000002'"));

        // Released, the next run takes the held rows too; release and purge are in the audit trail.
        var hold = (await holds.ListAsync(false)).Single();
        Assert.Equal("Validation.Required", (await holds.ReleaseAsync(hold.Hold.Id, hold.Hold.Version, " ")).Errors.For("ReleaseNote"));
        Assert.True((await holds.ReleaseAsync(hold.Hold.Id, hold.Hold.Version, "法院已解除保全")).Errors.IsValid);
        var second = (await s.Harness.Get<PurgeRunner>().RunRuleAsync(id.Value))!;
        Assert.Equal(30, second.RowsDeleted);
        Assert.Equal(0, second.HeldRows);
        Assert.Equal(20, s.Logs.Scalar("SELECT COUNT(*) FROM logins"));
        await using var db = s.Harness.Database.CreateDbContext();
        var actions = await db.AuditEvents.Select(e => e.Action).ToListAsync();
        Assert.Contains(RetentionActions.RuleSaved, actions);
        Assert.Contains(RetentionActions.RuleDryRun, actions);
        Assert.Contains(RetentionActions.RuleActivated, actions);
        Assert.Contains(RetentionActions.HoldReleased, actions);
        Assert.Equal(2, actions.Count(a => a == RetentionActions.PurgeRun));
    }

    [Fact]
    public async Task A_run_killed_after_an_unrecorded_batch_resumes_with_its_cutoff_and_counts_exactly_and_a_claimed_rule_is_not_run_twice()
    {
        await using var s = await SetupAsync();
        var id = await ActiveRuleAsync(s);
        var connector = s.Harness.Get<DatabaseConnector>();
        var system = (await s.Harness.Get<ConnectorTargets>().SystemAsync(s.SystemId, CancellationToken.None))!;
        var cutoff = new DateTime(2026, 5, 23, 2, 0, 0);
        // The instance that died: it counted 70, deleted a batch of 7 and stopped before recording it, holding the rule.
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            db.Add(new PurgeRun { RuleId = id, Status = PurgeRunStatus.Running, CutoffUtc = cutoff, ExpiredAtStart = 70, StartedAtUtc = Now.UtcDateTime });
            await db.SaveChangesAsync();
            await db.Set<RetentionRule>().Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedBy, "dead-instance").SetProperty(r => r.ClaimedUntilUtc, Now.UtcDateTime.AddMinutes(10)));
        }
        await using (var purge = await connector.OpenPurgeAsync(s.Harness.Get<ConnectorTargets>().For(system), "logins", PurgeAnchor.RecordTime, cutoff, [], CancellationToken.None))
        {
            Assert.Equal(7, await purge.BatchAsync(7, CancellationToken.None));
        }

        // While its lease lasts, nobody else runs the rule.
        Assert.Null(await s.Harness.Get<PurgeRunner>().RunRuleAsync(id));
        s.Harness.Clock.Advance(TimeSpan.FromMinutes(11));
        var run = (await s.Harness.Get<PurgeRunner>().RunRuleAsync(id))!;
        Assert.Equal(PurgeRunStatus.Completed, run.Status);
        Assert.Equal(70, run.RowsDeleted);
        Assert.Equal(cutoff, run.CutoffUtc);
        Assert.Equal(20, s.Logs.Scalar("SELECT COUNT(*) FROM logins"));
        await using var check = s.Harness.Database.CreateDbContext();
        Assert.Equal(1, await check.Set<PurgeRun>().CountAsync());
        Assert.Null((await check.Set<RetentionRule>().SingleAsync()).ClaimedBy);
    }

    [Fact]
    public async Task A_run_whose_process_died_on_this_machine_is_taken_over_at_once_by_the_resume_job_and_its_history_says_so()
    {
        await using var s = await SetupAsync();
        var id = await ActiveRuleAsync(s);
        var cutoff = new DateTime(2026, 5, 23, 2, 0, 0);
        // kill -9 mid-run: the run says Running, the rule is claimed for a long while by a process that no longer exists.
        var dead = $"{Environment.MachineName}:{int.MaxValue}:{Guid.NewGuid():N}";
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            db.Add(new PurgeRun { RuleId = id, Status = PurgeRunStatus.Running, CutoffUtc = cutoff, ExpiredAtStart = 70, Batches = 3, RowsDeleted = 21, DurationMs = 4_000, StartedAtUtc = Now.UtcDateTime });
            await db.SaveChangesAsync();
            await db.Set<RetentionRule>().Where(r => r.Id == id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedBy, dead).SetProperty(r => r.ClaimedUntilUtc, Now.UtcDateTime.AddMinutes(10)));
        }
        await using (var purge = await s.Harness.Get<DatabaseConnector>().OpenPurgeAsync(
            s.Harness.Get<ConnectorTargets>().For((await s.Harness.Get<ConnectorTargets>().SystemAsync(s.SystemId, CancellationToken.None))!), "logins", PurgeAnchor.RecordTime, cutoff, [], CancellationToken.None))
        {
            Assert.Equal(21, await purge.BatchAsync(21, CancellationToken.None));
        }

        // No waiting for the lease: the holder is provably gone.
        var run = Assert.Single(await s.Harness.Get<PurgeRunner>().ResumeOrphanedAsync());

        Assert.Equal((PurgeRunStatus.Completed, 70L, 1), (run.Status, run.RowsDeleted, run.Resumptions));
        Assert.Equal(Now.UtcDateTime, run.LastResumedAtUtc);
        Assert.True(run.DurationMs >= 4_000, $"the first part's 4 s are in the duration ({run.DurationMs} ms)");
        Assert.Equal(20, s.Logs.Scalar("SELECT COUNT(*) FROM logins"));
        await using var check = s.Harness.Database.CreateDbContext();
        Assert.Equal(1, await check.Set<PurgeRun>().CountAsync());
        Assert.Contains(await check.AuditEvents.Select(e => e.Action).ToListAsync(), a => a == RetentionActions.PurgeResumed);
        // A live holder elsewhere (another machine) is left alone until its lease passes.
        await check.Set<PurgeRun>().ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PurgeRunStatus.Running));
        await check.Set<RetentionRule>().ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimedBy, $"other-host:{Environment.ProcessId}:{Guid.NewGuid():N}").SetProperty(r => r.ClaimedUntilUtc, Now.UtcDateTime.AddMinutes(1)));
        Assert.Empty(await s.Harness.Get<PurgeRunner>().ResumeOrphanedAsync());
    }

    [Fact]
    public async Task A_connector_error_stops_that_rule_with_the_error_recorded_and_the_other_rules_still_run()
    {
        await using var s = await SetupAsync();
        using var broken = new TargetDatabase("broken");
        broken.AddLogins("13800000003", 20, new DateTime(2026, 1, 1));
        var brokenId = await broken.RegisterAsync(s.Harness, "已下线日志库");
        var brokenRule = await ActiveRuleAsync(s with { SystemId = brokenId });
        var goodRule = await ActiveRuleAsync(s);
        broken.Execute("DROP TABLE logins");

        var runs = await s.Harness.Get<PurgeRunner>().RunAllAsync();

        var failed = runs.Single(r => r.RuleId == brokenRule);
        Assert.Equal(PurgeRunStatus.Failed, failed.Status);
        Assert.Contains("logins", failed.Error);
        Assert.Equal(PurgeRunStatus.Completed, runs.Single(r => r.RuleId == goodRule).Status);
        Assert.Equal(20, s.Logs.Scalar("SELECT COUNT(*) FROM logins"));
        var rule = (await s.Harness.Get<RetentionService>().GetAsync(brokenRule))!;
        Assert.Equal(RetentionRuleStatus.Stopped, rule.Status);
        Assert.NotNull(rule.LastError);
        // A stopped rule is not run again until an officer activates it.
        Assert.DoesNotContain(await s.Harness.Get<PurgeRunner>().RunAllAsync(), r => r.RuleId == brokenRule);
    }

    [Fact]
    public async Task A_manual_system_gets_an_owner_purge_task_and_a_system_hold_stops_the_purge_with_the_hold_named()
    {
        await using var s = await SetupAsync();
        var owner = await OfficerAsync(s.Harness);
        int manualId;
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            var system = new DataSystem { Name = "线下合同档案", OwnerTeam = "法务部", OwnerEmail = "legal@example.com", Purpose = "合同", ConnectorKind = ConnectorKind.Manual, ManualChecklist = "核对档案柜" };
            db.Add(system);
            await db.SaveChangesAsync();
            manualId = system.Id;
        }
        var rules = s.Harness.Get<RetentionService>();
        var (_, _, manualRule) = await rules.SaveAsync(new RetentionRuleInput(null, manualId, "纸质合同", 36, RetentionUnit.CalendarMonths, RetentionBasis.Contract, "合同约定", 0));
        await rules.DryRunAsync(manualRule!.Value);
        await rules.ActivateAsync(manualRule.Value, (await rules.GetAsync(manualRule.Value))!.Version);
        var logsRule = await ActiveRuleAsync(s);
        var (_, holdId) = await s.Harness.Get<LegalHoldService>().PlaceAsync(new LegalHoldInput(LegalHoldScope.System, LegalHoldReason.GovernmentRequest, "公安机关调取证据通知书", s.SystemId,
            DataCategories.DeviceUsage, [], owner, Now.UtcDateTime.AddDays(30)));

        var runs = await s.Harness.Get<PurgeRunner>().RunAllAsync();
        var task = runs.Single(r => r.RuleId == manualRule);
        Assert.Equal(PurgeRunStatus.AwaitingOwner, task.Status);
        var held = runs.Single(r => r.RuleId == logsRule);
        Assert.Equal(PurgeRunStatus.Held, held.Status);
        Assert.Equal(holdId.ToString(), held.HoldIds);
        Assert.Equal(90, s.Logs.Scalar("SELECT COUNT(*) FROM logins"));
        // The next run makes no second task while the first is open.
        Assert.DoesNotContain(await s.Harness.Get<PurgeRunner>().RunAllAsync(), r => r.RuleId == manualRule);

        Assert.Equal("Validation.Required", (await rules.RecordOwnerPurgeAsync(task.Id, "", 3)).For("EvidenceNote"));
        Assert.True((await rules.RecordOwnerPurgeAsync(task.Id, "已销毁 2023 年前合同扫描件，销毁记录 DX-2026-11", 120)).IsValid);
        var done = (await rules.RunsAsync(manualRule, 0, 10)).Items.Single();
        Assert.Equal(PurgeRunStatus.Completed, done.Run.Status);
        Assert.Equal(120, done.Run.RowsDeleted);
    }

    [Fact]
    public async Task A_hold_without_a_reason_or_subject_is_refused_and_one_past_its_review_date_is_raised_to_its_owner_once()
    {
        await using var s = await SetupAsync();
        var owner = await OfficerAsync(s.Harness);
        var holds = s.Harness.Get<LegalHoldService>();
        var (errors, _) = await holds.PlaceAsync(new LegalHoldInput(LegalHoldScope.Subjects, null, "", null, null, ["S-999999"], owner, Now.UtcDateTime.AddDays(-1)));
        Assert.Equal("Retention.Hold.ReasonRequired", errors.For("Reason"));
        Assert.Equal("Validation.Required", errors.For("Reference"));
        Assert.Equal("Retention.Hold.UnknownSubject", errors.For("Subjects"));
        Assert.Equal("Retention.Hold.ReviewInFuture", errors.For("ReviewBy"));
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            Assert.Equal(0, await db.Set<LegalHold>().CountAsync());
        }

        var (ok, _) = await holds.PlaceAsync(new LegalHoldInput(LegalHoldScope.Subjects, LegalHoldReason.AgreementsComplaintsSafety, "投诉处理 TS-2026-0088", null, null,
            [DataSubject.FormatReference(s.HeldSubjectId)], owner, Now.UtcDateTime.AddDays(10)));
        Assert.True(ok.IsValid);
        Assert.Equal(0, await holds.RaiseOverdueReviewsAsync());
        s.Harness.Clock.Advance(TimeSpan.FromDays(11));
        Assert.Equal(1, await holds.RaiseOverdueReviewsAsync());
        Assert.Equal(0, await holds.RaiseOverdueReviewsAsync());
        Assert.True((await holds.ListAsync(false)).Single().ReviewOverdue);
        await using var check = s.Harness.Database.CreateDbContext();
        var message = await check.Set<OutboxMessage>().SingleAsync(m => m.Purpose == NotificationPurposes.ClockAlert);
        Assert.Contains("LH-", message.Subject + message.Body);
        var events = await check.AuditEvents.Where(e => e.Action == RetentionActions.HoldPlaced).ToListAsync();
        Assert.Contains(events, e => e.SubjectId == s.HeldSubjectId.ToString());
        Assert.All(events, e => Assert.DoesNotContain("13800000001", e.Detail ?? ""));
    }
}
