using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

/// <summary>Generated people and intakes for the verification and delivery tests.</summary>
internal static partial class VerificationTestData
{
    public sealed record Person(long SubjectId, long PhoneId, long EmailId, long AccountId);

    public static async Task<Person> PersonAsync(ServiceHarness harness, string phone = "13800000001", string email = "wang.fang@example.com", string account = "acme-001")
    {
        var directory = harness.Get<SubjectDirectory>();
        var (errors, id) = await directory.CreateAsync([new(IdentifierKind.Phone, phone), new(IdentifierKind.Email, email), new(IdentifierKind.AccountId, account)]);
        Assert.True(errors.IsValid, string.Join(", ", errors.Values));
        var card = (await directory.GetAsync(id!.Value))!;
        return new Person(id.Value,
            card.Identifiers.Single(i => i.Kind == IdentifierKind.Phone).Id,
            card.Identifiers.Single(i => i.Kind == IdentifierKind.Email).Id,
            card.Identifiers.Single(i => i.Kind == IdentifierKind.AccountId).Id);
    }

    public static async Task<IReadOnlyList<CreatedRequest>> IntakeAsync(ServiceHarness harness, long subjectId, params RequestType[] types)
    {
        var result = await harness.Get<RequestService>().TakeAsync(new IntakeInput
        {
            SubjectId = subjectId,
            Types = [.. types],
            Summary = "来电要求查阅并删除其个人信息",
            CreateDespiteDuplicates = true,
        });
        Assert.True(result.Errors.IsValid, string.Join(", ", result.Errors.Values));
        return result.Created;
    }

    /// <summary>The code in the latest outbox message of <paramref name="purpose"/>, as the person receives it (secrets put in as the dispatcher does).</summary>
    public static async Task<(OutboxMessage Message, string Code)> LastMessageAsync(PortalDbContext db, string purpose, MessageSecrets secrets)
    {
        var message = (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Purpose == purpose).OrderByDescending(m => m.Id).FirstAsync()).AsSent(secrets);
        var code = CodePattern().Match(message.Body);
        Assert.True(code.Success, "No six-digit code in the message.");
        return (message, code.Groups[1].Value);
    }

    /// <summary>A copy of <paramref name="message"/> with the subject and body the recipient gets.</summary>
    public static OutboxMessage AsSent(this OutboxMessage message, MessageSecrets secrets)
    {
        Assert.NotNull(message.SecretsProtected);
        var (subject, body) = secrets.Reveal(message.SecretsProtected, message.Subject, message.Body);
        return new OutboxMessage
        {
            Id = message.Id, Channel = message.Channel, Purpose = message.Purpose, Language = message.Language, RecipientMasked = message.RecipientMasked,
            RecipientProtected = message.RecipientProtected, Status = message.Status, Subject = subject, Body = body,
        };
    }

    public static string WrongCode(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?:验证码为|提取码) ?([0-9]{6})(?![0-9])")]
    private static partial Regex CodePattern();
}
