using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

public sealed class RequestCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private sealed record Setup(ServiceHarness Harness, TargetDatabase Crm, long SubjectId, long PhoneId, int SystemId, int RecipientId) : IAsyncDisposable
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
        int recipientId;
        await using (var db = harness.Database.CreateDbContext())
        {
            var contact = await db.Set<DataCategory>().SingleAsync(c => c.Key == DataCategories.Contact);
            var recipient = new Recipient { Name = "短信通道服务商", Type = RecipientType.Processor, LegalBasis = RecipientLegalBasis.Contract, DeletionContact = "dpo@example.net", Categories = [contact] };
            db.Add(recipient);
            await db.SaveChangesAsync();
            db.Add(new DataFlow { SystemId = systemId, RecipientId = recipient.Id });
            await db.SaveChangesAsync();
            recipientId = recipient.Id;
        }
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13800000001"), new(IdentifierKind.Email, "wang.fang@example.com")]);
        var card = await harness.Get<SubjectDirectory>().GetAsync(subjectId!.Value);
        return new Setup(harness, crm, subjectId.Value, card!.Identifiers.Single(i => i.Kind == IdentifierKind.Phone).Id, systemId, recipientId);
    }

    private static async Task<CreatedRequest> TakeAsync(Setup s, RequestType type)
    {
        var result = await s.Harness.Get<RequestService>().TakeAsync(new IntakeInput
        {
            SubjectId = s.SubjectId, Types = [type], Summary = "来电要求删除账户相关信息", AcknowledgeToIdentifierId = s.PhoneId,
        });
        Assert.True(result.Errors.IsValid, string.Join(", ", result.Errors));
        return Assert.Single(result.Created);
    }

    /// <summary>Stands in for a passed verification (its own tests cover it).</summary>
    private static async Task<int> VerifiedAsync(Setup s, long requestId)
    {
        await using var db = s.Harness.Database.CreateDbContext();
        await db.Set<DataSubjectRequest>().Where(r => r.Id == requestId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, RequestStatus.InReview).SetProperty(r => r.VerificationMethod, VerificationMethod.DocumentCheck)
            .SetProperty(r => r.VerificationResult, VerificationResult.Passed));
        return await db.Set<DataSubjectRequest>().Where(r => r.Id == requestId).Select(r => r.Version).SingleAsync();
    }

    [Fact]
    public async Task Intake_starts_the_clock_and_queues_the_acknowledgement_and_flags_an_open_duplicate_without_saving()
    {
        await using var s = await SetupAsync();
        var created = await TakeAsync(s, RequestType.Deletion);

        Assert.Matches(@"^PR-2026-\d{6}$", created.CaseNumber);
        // 15 working days from Monday 23 Nov 2026 (Beijing): Monday 14 Dec, end of day.
        Assert.Equal(new DateTime(2026, 12, 14, 15, 59, 59), created.DueAtUtc.AddTicks(-(created.DueAtUtc.Ticks % TimeSpan.TicksPerSecond)));
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            var ack = await db.Set<OutboxMessage>().SingleAsync();
            Assert.Equal(NotificationPurposes.RequestAcknowledgement, ack.Purpose);
            Assert.Equal(NotificationChannel.Sms, ack.Channel);
            Assert.Contains(created.CaseNumber, ack.Body);
            // The target and, under China's rules, the 30-day outer limit beside it.
            Assert.Equal([ClockPresets.RequestHardStop, ClockPresets.RequestTarget],
                (await db.Set<Clock>().Where(c => c.OwnerType == "request" && c.OwnerId == created.CaseNumber).Select(c => c.PresetKey).ToListAsync()).Order());
        }

        var again = await s.Harness.Get<RequestService>().TakeAsync(new IntakeInput { SubjectId = s.SubjectId, Types = [RequestType.Deletion, RequestType.Access], Summary = "再次来电" });
        Assert.Empty(again.Created);
        Assert.Equal(created.CaseNumber, Assert.Single(again.Duplicates).CaseNumber);
        await using var check = s.Harness.Database.CreateDbContext();
        Assert.Equal(1, await check.Set<DataSubjectRequest>().CountAsync());
    }

    [Fact]
    public async Task Intake_refuses_missing_type_summary_and_authority_and_saves_nothing()
    {
        await using var s = await SetupAsync();
        var result = await s.Harness.Get<RequestService>().TakeAsync(new IntakeInput { SubjectId = s.SubjectId, OnBehalf = true, Summary = " " });

        Assert.Equal("Requests.Intake.TypeRequired", result.Errors.For("Types"));
        Assert.Equal("Validation.Required", result.Errors.For("Summary"));
        Assert.Equal("Requests.Intake.AuthorityRequired", result.Errors.For("AuthorityNote"));
        await using var db = s.Harness.Database.CreateDbContext();
        Assert.Equal(0, await db.Set<DataSubjectRequest>().CountAsync());
    }

    [Fact]
    public async Task An_approved_deletion_erases_notifies_recipients_opens_backup_follow_ups_and_closes_on_time_with_an_answer()
    {
        await using var s = await SetupAsync();
        var created = await TakeAsync(s, RequestType.Deletion);
        var cases = s.Harness.Get<RequestCaseService>();
        var version = await VerifiedAsync(s, created.Id);

        var (errors, change) = await cases.DecideAsync(created.Id, version, DecisionKind.Approve, [], null);
        Assert.Equal(CaseChange.Done, change);
        var (_, status) = await cases.FulfilAsync(created.Id);
        Assert.Equal(OperationStatus.Completed, status);
        // Fulfilling twice makes no second notice, ledger or follow-up.
        await cases.FulfilAsync(created.Id);

        Assert.Equal(0, s.Crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
        Assert.Equal(3, s.Crm.Scalar("SELECT COUNT(*) FROM logins"));
        var item = (await cases.GetAsync(created.Id))!;
        var notice = Assert.Single(item.Notices);
        Assert.Equal("短信通道服务商", notice.RecipientName);
        Assert.NotNull(notice.DueUtc);
        Assert.Equal(s.SystemId, Assert.Single(item.FollowUps).SystemId);
        await using (var db = s.Harness.Database.CreateDbContext())
        {
            var ledger = await db.Set<ErasureLedgerEntry>().SingleAsync();
            Assert.DoesNotContain("13800000001", ledger.IdentifierHashes);
            Assert.Equal(2, ledger.IdentifierHashes.Split(',').Length);
            var toRecipient = await db.Set<OutboxMessage>().SingleAsync(m => m.Purpose == NotificationPurposes.RecipientDeletionNotice);
            Assert.Contains(created.CaseNumber, toRecipient.Body);
            Assert.Contains("联系方式", toRecipient.Body);
        }

        Assert.Equal(CaseChange.Done, await cases.ConfirmRecipientAsync(notice.Id, notice.Version, "对方邮件确认已删除"));
        var (closeErrors, closed) = await cases.CloseAsync(created.Id, item.Request.Version, "我们已删除您在客户关系管理系统中的个人信息。", null);
        Assert.Equal(CaseChange.Done, closed);
        var final = (await cases.GetAsync(created.Id))!;
        Assert.Equal(RequestStatus.Closed, final.Request.Status);
        Assert.Equal(RequestOutcome.Fulfilled, final.Request.Outcome);
        Assert.True(final.Request.ClosedOnTime);
        Assert.Equal(ClockState.Met, final.Clock!.State);
        Assert.Contains(final.Timeline, t => t.Action == RequestActions.Closed);
        await using var check = s.Harness.Database.CreateDbContext();
        var answer = await check.Set<OutboxMessage>().SingleAsync(m => m.Purpose == NotificationPurposes.RequestClosing);
        Assert.Contains("客户关系管理系统", answer.Body);
    }

    [Fact]
    public async Task A_refusal_needs_a_catalogue_reason_and_an_explanation_and_closes_the_case_with_the_reasons_in_the_answer()
    {
        await using var s = await SetupAsync();
        var created = await TakeAsync(s, RequestType.Access);
        var cases = s.Harness.Get<RequestCaseService>();
        var version = await VerifiedAsync(s, created.Id);

        var (missing, refusedNothing) = await cases.DecideAsync(created.Id, version, DecisionKind.Refuse, [], "");
        Assert.Equal(CaseChange.NotAllowed, refusedNothing);
        Assert.Equal("Requests.Decision.ReasonRequired", missing.For("Reasons"));
        Assert.Equal("Requests.Decision.ExplanationRequired", missing.For("Explanation"));

        var (_, change) = await cases.DecideAsync(created.Id, version, DecisionKind.Refuse, ["GroundlessRepetition"], "过去一个月内就同一内容提出二十次请求。");
        Assert.Equal(CaseChange.Done, change);
        var item = (await cases.GetAsync(created.Id))!;
        Assert.Equal(RequestOutcome.Refused, item.Request.Outcome);
        await using var db = s.Harness.Database.CreateDbContext();
        var answer = await db.Set<OutboxMessage>().SingleAsync(m => m.Purpose == NotificationPurposes.RequestClosing);
        Assert.Contains("无端重复的请求", answer.Body);
    }

    [Fact]
    public async Task The_second_of_two_officers_deciding_the_same_case_is_told_and_overwrites_nothing()
    {
        await using var s = await SetupAsync();
        var created = await TakeAsync(s, RequestType.Deletion);
        var version = await VerifiedAsync(s, created.Id);

        var (_, first) = await s.Harness.Get<RequestCaseService>().DecideAsync(created.Id, version, DecisionKind.Approve, [], null);
        var (_, second) = await s.Harness.Get<RequestCaseService>().DecideAsync(created.Id, version, DecisionKind.Refuse, ["TradeSecret"], "涉及商业秘密，无法提供。");

        Assert.Equal(CaseChange.Done, first);
        Assert.Equal(CaseChange.Conflict, second);
        var item = (await s.Harness.Get<RequestCaseService>().GetAsync(created.Id))!;
        Assert.Equal(DecisionKind.Approve, item.Request.Decision);
        Assert.Equal(RequestStatus.Fulfilling, item.Request.Status);
    }

    [Fact]
    public async Task A_deletion_that_fails_in_one_system_leaves_no_ledger_and_resumes_without_redoing_the_rest()
    {
        await using var s = await SetupAsync();
        using var logs = new TargetDatabase("logs");
        logs.AddLogins("13800000001", 5, new DateTime(2026, 1, 1));
        var logsId = await logs.RegisterAsync(s.Harness, "日志库");
        logs.Execute("ALTER TABLE logins RENAME TO logins_old");
        var created = await TakeAsync(s, RequestType.Deletion);
        var cases = s.Harness.Get<RequestCaseService>();
        await cases.DecideAsync(created.Id, await VerifiedAsync(s, created.Id), DecisionKind.Approve, [], null);

        var (_, failed) = await cases.FulfilAsync(created.Id);
        Assert.Equal(OperationStatus.Failed, failed);
        Assert.Empty((await cases.GetAsync(created.Id))!.FollowUps);
        Assert.Equal(0, s.Crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));

        logs.Execute("ALTER TABLE logins_old RENAME TO logins");
        var (_, resumed) = await cases.FulfilAsync(created.Id);
        Assert.Equal(OperationStatus.Completed, resumed);
        var item = (await cases.GetAsync(created.Id))!;
        Assert.Equal(new[] { logsId, s.SystemId }.Order(), item.FollowUps.Select(f => f.SystemId).Order());
        Assert.Equal(0, logs.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
        var steps = Assert.Single(await s.Harness.Get<SubjectOperationService>().ListAsync(s.SubjectId)).Steps;
        Assert.Equal(1, steps.Single(x => x.SystemId == s.SystemId).Attempts);
    }

    [Fact]
    public async Task Consent_withdrawal_records_the_withdrawal_per_purpose_against_the_request()
    {
        await using var s = await SetupAsync();
        var created = await TakeAsync(s, RequestType.ConsentWithdrawal);
        var cases = s.Harness.Get<RequestCaseService>();
        await cases.DecideAsync(created.Id, await VerifiedAsync(s, created.Id), DecisionKind.Approve, [], null);

        var (noPurpose, _) = await cases.FulfilAsync(created.Id, []);
        var (_, status) = await cases.FulfilAsync(created.Id, [5, 6]);

        Assert.Equal("Requests.Fulfil.PurposeRequired", noPurpose.For("Purposes"));
        Assert.Equal(OperationStatus.Completed, status);
        var consents = await s.Harness.Get<ConsentService>().CurrentAsync(s.SubjectId);
        Assert.All(consents.Where(c => c.PurposeId is 5 or 6), c => { Assert.Equal(ConsentStatus.Withdrawn, c.Status); Assert.Equal(created.Id, c.RequestId); });
    }

    [Fact]
    public async Task A_correction_changes_the_value_in_place_through_the_database_connector_and_refuses_identifier_or_unknown_columns()
    {
        await using var s = await SetupAsync();
        s.Crm.AddCustomer("acme-002", "张伟", "zhang.wei@example.com", "13800000002");
        var created = await TakeAsync(s, RequestType.Correction);
        var cases = s.Harness.Get<RequestCaseService>();
        await cases.DecideAsync(created.Id, await VerifiedAsync(s, created.Id), DecisionKind.Approve, [], null);
        const string Text = "联系人姓名登记有误，更正为本人身份证上的姓名";

        var fields = await s.Harness.Get<CorrectionService>().FieldsAsync();
        var (identifier, _) = await cases.FulfilAsync(created.Id, correction: Text, fieldCorrections: [new(s.SystemId, "customers", "phone", "13900000000")]);
        var (unknown, _) = await cases.FulfilAsync(created.Id, correction: Text, fieldCorrections: [new(s.SystemId, "customers", "password", "x")]);
        var (empty, _) = await cases.FulfilAsync(created.Id, correction: Text, fieldCorrections: [new(s.SystemId, "customers", "contact_name", " ")]);
        Assert.Equal("王芳", s.Crm.Text("SELECT contact_name FROM customers WHERE account_id = 'acme-001'"));

        var (errors, status) = await cases.FulfilAsync(created.Id, correction: Text, fieldCorrections: [new(s.SystemId, "customers", "contact_name", "王芳芳")]);

        Assert.DoesNotContain(fields, f => f.Column is "phone" or "email" or "account_id");
        Assert.Contains(fields, f => f.SystemId == s.SystemId && f.Table == "customers" && f.Column == "contact_name");
        Assert.Equal("Requests.Correction.UnknownField", identifier.For("Corrections[0]"));
        Assert.Equal("Requests.Correction.UnknownField", unknown.For("Corrections[0]"));
        Assert.Equal("Validation.Required", empty.For("Corrections[0]"));
        Assert.True(errors.IsValid);
        Assert.Equal(OperationStatus.Completed, status);
        Assert.Equal("王芳芳", s.Crm.Text("SELECT contact_name FROM customers WHERE account_id = 'acme-001'"));
        Assert.Equal("张伟", s.Crm.Text("SELECT contact_name FROM customers WHERE account_id = 'acme-002'"));
        await using var db = s.Harness.Database.CreateDbContext();
        Assert.Equal(0, await db.Set<ConnectorTask>().CountAsync(t => t.SystemId == s.SystemId));
        var audit = await db.AuditEvents.Where(e => e.Action == RequestActions.Fulfilled).Select(e => e.Detail).SingleAsync();
        Assert.Contains("contact_name", audit);
        Assert.DoesNotContain("王芳芳", audit);
    }
}
