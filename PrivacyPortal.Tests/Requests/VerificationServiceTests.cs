using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Requests.VerificationTestData;

namespace PrivacyPortal.Tests.Requests;

public sealed class VerificationServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_code_goes_to_the_chosen_phone_on_file_and_only_its_salted_hash_is_stored()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access, RequestType.Deletion);

        var (errors, challengeId) = await harness.Get<VerificationService>().SendCodeAsync(cases[0].Id, person.PhoneId);

        Assert.True(errors.IsValid);
        await using var db = harness.Database.CreateDbContext();
        var challenge = await db.Set<VerificationChallenge>().SingleAsync();
        Assert.Equal(challengeId, challenge.Id);
        Assert.Equal(Now.UtcDateTime.AddMinutes(10), challenge.ExpiresAtUtc);
        Assert.Equal(5, challenge.MaxAttempts);
        var (message, code) = await LastMessageAsync(db, NotificationPurposes.VerificationCode, harness.Get<MessageSecrets>());
        Assert.Equal(NotificationChannel.Sms, message.Channel);
        Assert.Equal("138****0001", message.RecipientMasked);
        Assert.Contains(cases[0].CaseNumber, message.Body, StringComparison.Ordinal);
        Assert.Equal(VerificationService.HashCode(challenge.Id, code), challenge.CodeHash);
        Assert.DoesNotContain(code, challenge.CodeHash, StringComparison.Ordinal);
        // Another challenge with the same code gets another hash: the id salts it.
        Assert.NotEqual(VerificationService.HashCode(challenge.Id + 1, code), challenge.CodeHash);
        var sent = await db.Set<AuditEvent>().SingleAsync(e => e.Action == RequestActions.CodeSent);
        Assert.Equal(SubjectDirectory.Id(person.SubjectId), sent.SubjectId);
        Assert.DoesNotContain(code, sent.Detail!, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", sent.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_code_verifies_every_waiting_case_of_the_intake_and_marks_the_phone_verified_but_not_other_intakes()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access, RequestType.Deletion);
        var otherIntake = await IntakeAsync(harness, person.SubjectId, RequestType.Correction);
        var verification = harness.Get<VerificationService>();
        await verification.SendCodeAsync(cases[1].Id, person.PhoneId);
        string code;
        await using (var db = harness.Database.CreateDbContext())
        {
            code = (await LastMessageAsync(db, NotificationPurposes.VerificationCode, harness.Get<MessageSecrets>())).Code;
        }

        var result = await harness.Get<VerificationService>().CheckCodeAsync(cases[1].Id, code);

        Assert.Equal(CodeCheck.Passed, result.Outcome);
        await using (var db = harness.Database.CreateDbContext())
        {
            var intake = await db.Set<DataSubjectRequest>().Where(r => cases.Select(c => c.Id).Contains(r.Id)).ToListAsync();
            Assert.All(intake, r =>
            {
                Assert.Equal(RequestStatus.InReview, r.Status);
                Assert.Equal(VerificationMethod.OneTimeCode, r.VerificationMethod);
                Assert.Equal(VerificationResult.Passed, r.VerificationResult);
                Assert.Equal(AuditActors.System, r.VerifiedById);
                Assert.Equal(Now.UtcDateTime, r.VerifiedAtUtc);
                Assert.Equal(2, r.Version);
            });
            var other = await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == otherIntake[0].Id);
            Assert.Equal(RequestStatus.AwaitingVerification, other.Status);
            Assert.True((await db.Set<SubjectIdentifier>().SingleAsync(i => i.Id == person.PhoneId)).IsVerified);
            Assert.False((await db.Set<SubjectIdentifier>().SingleAsync(i => i.Id == person.EmailId)).IsVerified);
            Assert.NotNull((await db.Set<VerificationChallenge>().SingleAsync()).PassedAtUtc);
            Assert.Equal(2, await db.Set<AuditEvent>().CountAsync(e => e.Action == RequestActions.Verified));
        }
        // The code is spent.
        Assert.Equal(CodeCheck.NotAwaiting, (await verification.CheckCodeAsync(cases[0].Id, code)).Outcome);
    }

    [Fact]
    public async Task Wrong_codes_are_counted_and_after_five_the_code_is_dead_even_for_the_right_one()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Deletion);
        var verification = harness.Get<VerificationService>();
        await verification.SendCodeAsync(cases[0].Id, person.EmailId);
        string code;
        await using (var db = harness.Database.CreateDbContext())
        {
            var (message, sent) = await LastMessageAsync(db, NotificationPurposes.VerificationCode, harness.Get<MessageSecrets>());
            Assert.Equal(NotificationChannel.Email, message.Channel);
            code = sent;
        }

        var first = await verification.CheckCodeAsync(cases[0].Id, WrongCode(code));
        Assert.Equal(new CodeCheckResult(CodeCheck.Wrong, 4), first);
        Assert.Equal(new CodeCheckResult(CodeCheck.Wrong, 3), await verification.CheckCodeAsync(cases[0].Id, "12ab56"));
        Assert.Equal(CodeCheck.Wrong, (await verification.CheckCodeAsync(cases[0].Id, WrongCode(code))).Outcome);
        Assert.Equal(CodeCheck.Wrong, (await verification.CheckCodeAsync(cases[0].Id, WrongCode(code))).Outcome);
        Assert.Equal(new CodeCheckResult(CodeCheck.Exhausted, 0), await verification.CheckCodeAsync(cases[0].Id, WrongCode(code)));

        Assert.Equal(CodeCheck.Exhausted, (await verification.CheckCodeAsync(cases[0].Id, code)).Outcome);
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(5, (await db.Set<VerificationChallenge>().SingleAsync()).Attempts);
            Assert.Equal(RequestStatus.AwaitingVerification, (await db.Set<DataSubjectRequest>().SingleAsync()).Status);
        }
        // The agent may send a new one, and that one works.
        await verification.SendCodeAsync(cases[0].Id, person.EmailId);
        await using (var db = harness.Database.CreateDbContext())
        {
            code = (await LastMessageAsync(db, NotificationPurposes.VerificationCode, harness.Get<MessageSecrets>())).Code;
        }
        Assert.Equal(CodeCheck.Passed, (await verification.CheckCodeAsync(cases[0].Id, code)).Outcome);
    }

    [Fact]
    public async Task A_code_expires_after_the_configured_minutes()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now, new Dictionary<string, string?> { ["Requests:Verification:CodeMinutes"] = "3" });
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access);
        var verification = harness.Get<VerificationService>();
        await verification.SendCodeAsync(cases[0].Id, person.PhoneId);
        string code;
        await using (var db = harness.Database.CreateDbContext())
        {
            var (message, sent) = await LastMessageAsync(db, NotificationPurposes.VerificationCode, harness.Get<MessageSecrets>());
            Assert.Contains("3 分钟", message.Body, StringComparison.Ordinal);
            code = sent;
        }

        harness.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(CodeCheck.Expired, (await verification.CheckCodeAsync(cases[0].Id, code)).Outcome);
        var state = await verification.GetAsync(cases[0].Id);
        Assert.Equal(RequestStatus.AwaitingVerification, state!.Status);
    }

    [Fact]
    public async Task Codes_go_only_to_phones_and_emails_of_the_same_person_and_at_most_three_an_hour()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var person = await PersonAsync(harness);
        var stranger = await PersonAsync(harness, "13900000002", "li.qiang@example.com", "acme-002");
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access);
        var verification = harness.Get<VerificationService>();

        Assert.Equal("Requests.Verify.NotOnFile", (await verification.SendCodeAsync(cases[0].Id, stranger.PhoneId)).Errors["IdentifierId"]);
        Assert.Equal("Requests.Verify.NotOnFile", (await verification.SendCodeAsync(cases[0].Id, person.AccountId)).Errors["IdentifierId"]);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await verification.SendCodeAsync(cases[0].Id, person.PhoneId)).Errors.IsValid);
            harness.Clock.Advance(TimeSpan.FromMinutes(5));
        }
        Assert.Equal("Requests.Verify.TooManyCodes", (await verification.SendCodeAsync(cases[0].Id, person.EmailId)).Errors["IdentifierId"]);
        await using (var db = harness.Database.CreateDbContext())
        {
            Assert.Equal(3, await db.Set<VerificationChallenge>().CountAsync());
            Assert.Equal(3, await db.Set<OutboxMessage>().CountAsync(m => m.Purpose == NotificationPurposes.VerificationCode));
        }
        Assert.False((await verification.GetAsync(cases[0].Id))!.CanSendCode);

        harness.Clock.Advance(TimeSpan.FromMinutes(46));
        Assert.True((await verification.SendCodeAsync(cases[0].Id, person.EmailId)).Errors.IsValid);
    }

    [Fact]
    public async Task A_failed_verification_closes_every_waiting_case_of_the_intake_with_the_reason()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access, RequestType.ConsentWithdrawal);
        var verification = harness.Get<VerificationService>();

        Assert.Equal("Validation.Required", (await verification.FailAsync(cases[0].Id, VerificationResult.Failed, "  "))["Reason"]);
        Assert.Equal(RequestStatus.AwaitingVerification, (await verification.GetAsync(cases[0].Id))!.Status);

        harness.Clock.Advance(TimeSpan.FromDays(1));
        var errors = await verification.FailAsync(cases[0].Id, VerificationResult.Failed, "来电人无法说出账户信息，且拒绝提供证件");

        Assert.True(errors.IsValid);
        await using var db = harness.Database.CreateDbContext();
        var closed = await db.Set<DataSubjectRequest>().ToListAsync();
        Assert.Equal(2, closed.Count);
        Assert.All(closed, r =>
        {
            Assert.Equal(RequestStatus.Closed, r.Status);
            Assert.Equal(RequestOutcome.VerificationFailed, r.Outcome);
            Assert.Equal(VerificationResult.Failed, r.VerificationResult);
            Assert.Equal("来电人无法说出账户信息，且拒绝提供证件", r.VerificationNote);
            Assert.Equal(Now.UtcDateTime.AddDays(1), r.ClosedAtUtc);
            Assert.True(r.ClosedOnTime);
        });
        Assert.Equal(2, await db.Set<AuditEvent>().CountAsync(e => e.Action == RequestActions.VerificationFailed && e.Outcome == AuditOutcome.Failure));
        // Closed cases cannot be verified afterwards.
        Assert.Equal("Requests.Verify.NotAwaiting", (await verification.RecordDocumentCheckAsync(cases[1].Id, "身份证已核对"))["Note"]);
        Assert.Equal("Requests.Verify.NotAwaiting", (await verification.SendCodeAsync(cases[1].Id, person.PhoneId)).Errors["Request"]);
    }

    [Fact]
    public async Task A_document_check_or_account_confirmation_needs_a_note_and_records_the_method()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var person = await PersonAsync(harness);
        var byDocuments = await IntakeAsync(harness, person.SubjectId, RequestType.Deletion);
        var byAccount = await IntakeAsync(harness, person.SubjectId, RequestType.Correction);
        var verification = harness.Get<VerificationService>();

        Assert.Equal("Validation.Required", (await verification.RecordDocumentCheckAsync(byDocuments[0].Id, ""))["Note"]);
        Assert.True((await verification.RecordDocumentCheckAsync(byDocuments[0].Id, "身份证原件与账户实名信息一致")).IsValid);
        Assert.True((await verification.RecordSignedInAccountAsync(byAccount[0].Id, "用户在 App 内登录后确认了本次请求")).IsValid);

        var documents = (await verification.GetAsync(byDocuments[0].Id))!;
        Assert.Equal(RequestStatus.InReview, documents.Status);
        Assert.Equal(VerificationMethod.DocumentCheck, documents.Method);
        Assert.Equal(VerificationResult.Passed, documents.Result);
        Assert.Equal("身份证原件与账户实名信息一致", documents.Note);
        var account = (await verification.GetAsync(byAccount[0].Id))!;
        Assert.Equal(VerificationMethod.SignedInAccount, account.Method);
        // A manual check proves nothing about the phone or e-mail: they stay unverified.
        await using var db = harness.Database.CreateDbContext();
        Assert.False(await db.Set<SubjectIdentifier>().AnyAsync(i => i.IsVerified));
    }
}
