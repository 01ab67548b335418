using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;
using static PrivacyPortal.Tests.Requests.VerificationTestData;

namespace PrivacyPortal.Tests.Requests;

public sealed partial class DeliveryServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private sealed record Ready(ServiceHarness Harness, TargetDatabase Crm, Person Person, long RequestId, ExportPackage Package) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Crm.Dispose();
            await Harness.DisposeAsync();
        }
    }

    /// <summary>A verified access request (by a code to the e-mail on file) and a real export package of the person.</summary>
    private static async Task<Ready> ReadyAsync()
    {
        var harness = await ServiceHarness.CreateAsync(Now);
        var crm = new TargetDatabase("crm");
        crm.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        crm.AddLogins("13800000001", 3, new DateTime(2026, 1, 1));
        await crm.RegisterAsync(harness, "客户关系管理系统");
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access);
        var verification = harness.Get<VerificationService>();
        await verification.SendCodeAsync(cases[0].Id, person.EmailId);
        await using (var db = harness.Database.CreateDbContext())
        {
            var (_, code) = await LastMessageAsync(db, NotificationPurposes.VerificationCode, harness.Get<MessageSecrets>());
            Assert.Equal(CodeCheck.Passed, (await verification.CheckCodeAsync(cases[0].Id, code)).Outcome);
        }
        var operations = harness.Get<SubjectOperationService>();
        var (errors, operationId) = await operations.StartAsync(person.SubjectId, OperationKind.Export, $"权利请求 {cases[0].CaseNumber}", cases[0].Id);
        Assert.True(errors.IsValid);
        Assert.Equal(OperationStatus.Completed, await operations.RunAsync(operationId!.Value));
        var package = Assert.Single(await operations.ListAsync(person.SubjectId)).Package!;
        return new Ready(harness, crm, person, cases[0].Id, package);
    }

    private static async Task<(string Token, string Code, OutboxMessage Message)> SentLinkAsync(ServiceHarness harness)
    {
        await using var db = harness.Database.CreateDbContext();
        var (message, code) = await LastMessageAsync(db, NotificationPurposes.AccessDelivery, harness.Get<MessageSecrets>());
        var token = LinkPattern().Match(message.Body).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        return (token, code, message);
    }

    [Fact]
    public async Task The_link_and_code_go_in_one_message_to_the_verified_email_and_only_hashes_are_stored()
    {
        await using var ready = await ReadyAsync();

        var (errors, deliveryId) = await ready.Harness.Get<AccessDeliveryService>().CreateAsync(ready.RequestId, ready.Package.Id);

        Assert.True(errors.IsValid, string.Join(", ", errors.Values));
        var (token, code, message) = await SentLinkAsync(ready.Harness);
        Assert.Equal(NotificationChannel.Email, message.Channel);
        Assert.Equal("w***@example.com", message.RecipientMasked);
        Assert.Contains("http://localhost:5080/delivery/" + token, message.Body, StringComparison.Ordinal);
        Assert.Equal(43, token.Length);
        await using var db = ready.Harness.Database.CreateDbContext();
        Assert.Equal(1, await db.Set<OutboxMessage>().CountAsync(m => m.Purpose == NotificationPurposes.AccessDelivery));
        var delivery = await db.Set<AccessDelivery>().SingleAsync();
        Assert.Equal(deliveryId, delivery.Id);
        Assert.Equal(AccessDeliveryService.HashToken(token), delivery.TokenHash);
        Assert.Equal(VerificationService.HashCode(delivery.Id, code), delivery.CodeHash);
        Assert.Equal(Now.UtcDateTime.AddDays(7), delivery.ExpiresAtUtc);
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.Action == RequestActions.PackageDelivered);
        Assert.DoesNotContain(token, audit.Detail!, StringComparison.Ordinal);
        Assert.DoesNotContain(code, audit.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_counted_the_right_one_gives_the_package_once()
    {
        await using var ready = await ReadyAsync();
        var deliveries = ready.Harness.Get<AccessDeliveryService>();
        await deliveries.CreateAsync(ready.RequestId, ready.Package.Id);
        var (token, code, _) = await SentLinkAsync(ready.Harness);

        var wrong = await deliveries.RedeemAsync(token, WrongCode(code));
        Assert.Equal(DeliveryOutcome.WrongCode, wrong.Outcome);
        Assert.Equal(4, wrong.AttemptsLeft);
        Assert.Null(wrong.Content);

        var right = await deliveries.RedeemAsync(token, code);
        Assert.Equal(DeliveryOutcome.Ready, right.Outcome);
        using var bytes = new MemoryStream();
        await using (right.Content!)
        {
            await right.Content!.CopyToAsync(bytes);
        }
        Assert.Equal(ready.Package.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));

        Assert.Equal(DeliveryOutcome.AlreadyDownloaded, (await deliveries.RedeemAsync(token, code)).Outcome);
        await using var db = ready.Harness.Database.CreateDbContext();
        var delivery = await db.Set<AccessDelivery>().SingleAsync();
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(Now.UtcDateTime, delivery.DownloadedAtUtc);
        var collected = await db.Set<AuditEvent>().SingleAsync(e => e.Action == RequestActions.PackageCollected);
        Assert.Equal(AccessDeliveryService.SubjectActor, collected.ActorId);
        Assert.Equal(PrivacyPortal.Modules.DataPlane.Subjects.SubjectDirectory.Id(ready.Person.SubjectId), collected.SubjectId);
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_link_and_an_expired_link_refuses_the_right_code()
    {
        await using var ready = await ReadyAsync();
        var deliveries = ready.Harness.Get<AccessDeliveryService>();
        await deliveries.CreateAsync(ready.RequestId, ready.Package.Id);
        var (token, code, _) = await SentLinkAsync(ready.Harness);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(DeliveryOutcome.WrongCode, (await deliveries.RedeemAsync(token, WrongCode(code))).Outcome);
        }
        Assert.Equal(DeliveryOutcome.Locked, (await deliveries.RedeemAsync(token, "")).Outcome);
        Assert.Equal(DeliveryOutcome.Locked, (await deliveries.RedeemAsync(token, code)).Outcome);

        await deliveries.CreateAsync(ready.RequestId, ready.Package.Id);
        var (second, secondCode, _) = await SentLinkAsync(ready.Harness);
        Assert.NotEqual(token, second);
        ready.Harness.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(DeliveryOutcome.Expired, (await deliveries.RedeemAsync(second, secondCode)).Outcome);
        Assert.Equal(DeliveryOutcome.Unknown, (await deliveries.RedeemAsync(AccessDeliveryService.NewToken(), secondCode)).Outcome);
        Assert.Equal(DeliveryOutcome.Unknown, (await deliveries.RedeemAsync("../../etc", secondCode)).Outcome);
    }

    [Fact]
    public async Task No_link_for_an_unverified_request_or_to_an_unverified_contact()
    {
        await using var ready = await ReadyAsync();
        var deliveries = ready.Harness.Get<AccessDeliveryService>();
        var unverified = await IntakeAsync(ready.Harness, ready.Person.SubjectId, RequestType.Access);

        Assert.Equal("Requests.Delivery.NotAllowed", (await deliveries.CreateAsync(unverified[0].Id, ready.Package.Id)).Errors["Request"]);
        // The phone never received a code: it is on file but not verified.
        Assert.Equal("Requests.Delivery.NoVerifiedContact", (await deliveries.CreateAsync(ready.RequestId, ready.Package.Id, ready.Person.PhoneId)).Errors["IdentifierId"]);
        Assert.Equal("Requests.Delivery.PackageGone", (await deliveries.CreateAsync(ready.RequestId, ready.Package.Id + 1000)).Errors["PackageId"]);
        await using var db = ready.Harness.Database.CreateDbContext();
        Assert.False(await db.Set<AccessDelivery>().AnyAsync());
        Assert.False(await db.Set<OutboxMessage>().AnyAsync(m => m.Purpose == NotificationPurposes.AccessDelivery));
    }

    [GeneratedRegex(@"/delivery/([A-Za-z0-9_\-]{43})")]
    private static partial Regex LinkPattern();
}
