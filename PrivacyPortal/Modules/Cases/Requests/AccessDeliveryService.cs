using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Cases.Requests;

public enum DeliveryOutcome
{
    Ready,
    /// <summary>No such link (or not a well-formed one).</summary>
    Unknown,
    WrongCode,
    /// <summary>Too many wrong codes: the link is dead.</summary>
    Locked,
    Expired,
    AlreadyDownloaded,
    /// <summary>The package itself has expired or its file is gone.</summary>
    Gone,
}

/// <summary>The result of a code entered on the delivery page. <see cref="Content"/> is set only when <see cref="Outcome"/> is Ready.</summary>
public sealed record DeliveryRedemption(DeliveryOutcome Outcome, int AttemptsLeft, Stream? Content = null, string? FileName = null);

/// <summary>
/// Hands an access package to the person: a random link (only its hash is kept) and a six-digit code, sent together
/// to a verified phone or e-mail on file. The page behind the link shows nothing until the code is entered; wrong
/// codes are counted and the link dies after <see cref="MaxAttempts"/>; it works once and expires.
/// </summary>
public sealed class AccessDeliveryService(
    IDbContextFactory<PortalDbContext> contexts,
    NotificationOutbox outbox,
    IdentifierProtector identifiers,
    ExportStorage storage,
    IOptions<RequestsOptions> options,
    PortalTime portalTime,
    AuditTrail audit,
    TimeProvider time)
{
    public const int MaxAttempts = 5;

    /// <summary>Who collected the package in the audit trail: the person, not a staff member.</summary>
    public const string SubjectActor = "subject";

    /// <summary>
    /// Creates the link for <paramref name="packageId"/> and queues one message with the link and code, in one
    /// transaction. Without <paramref name="identifierId"/> a verified e-mail is preferred, then a verified phone.
    /// </summary>
    public async Task<(FieldErrors Errors, long? DeliveryId)> CreateAsync(long requestId, long packageId, long? identifierId = null, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<DataSubjectRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            errors["Request"] = "Common.NotFound";
            return (errors, null);
        }
        // Statement 6.3: nothing is disclosed to someone whose identity was not verified.
        if (request.Type != RequestType.Access || request.VerificationResult != VerificationResult.Passed || request.Status == RequestStatus.Closed)
        {
            errors["Request"] = "Requests.Delivery.NotAllowed";
            return (errors, null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var package = await db.Set<ExportPackage>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.SubjectId == request.SubjectId, cancellationToken);
        if (package is null || package.DeletedAtUtc is not null || package.ExpiresAtUtc <= now)
        {
            errors["PackageId"] = "Requests.Delivery.PackageGone";
            return (errors, null);
        }
        var contacts = await db.Set<SubjectIdentifier>().AsNoTracking()
            .Where(i => i.SubjectId == request.SubjectId && i.IsVerified && (i.Kind == IdentifierKind.Email || i.Kind == IdentifierKind.Phone))
            .ToListAsync(cancellationToken);
        var to = identifierId is { } chosen
            ? contacts.SingleOrDefault(i => i.Id == chosen)
            : contacts.OrderBy(i => i.Kind == IdentifierKind.Email ? 0 : 1).ThenBy(i => i.Id).FirstOrDefault();
        if (to is null)
        {
            errors["IdentifierId"] = "Requests.Delivery.NoVerifiedContact";
            return (errors, null);
        }

        var token = NewToken();
        var code = VerificationService.NewCode();
        // Never longer than the package itself lives.
        var expires = now.AddDays(Math.Max(1, options.Value.DeliveryDays));
        if (package.ExpiresAtUtc < expires)
        {
            expires = package.ExpiresAtUtc;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var delivery = new AccessDelivery { RequestId = request.Id, PackageId = package.Id, TokenHash = HashToken(token), CodeHash = "", ExpiresAtUtc = expires };
        db.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        delivery.CodeHash = VerificationService.HashCode(delivery.Id, code);
        await outbox.AddAsync(db, new NotificationRequest(
            to.Kind == IdentifierKind.Email ? NotificationChannel.Email : NotificationChannel.Sms,
            NotificationPurposes.AccessDelivery,
            NotificationLanguages.Chinese,
            identifiers.Unprotect(to.ValueProtected),
            new Dictionary<string, string>
            {
                ["case_number"] = request.CaseNumber,
                ["link"] = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/delivery/{token}",
                ["code"] = code,
                ["expires"] = portalTime.ToLocal(expires).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ["hotline"] = options.Value.Hotline,
            },
            CorrelationId: $"delivery:{delivery.Id.ToString(CultureInfo.InvariantCulture)}",
            SecretsValidUntilUtc: expires), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(RequestActions.PackageDelivered, targetType: "request", targetId: RequestService.Id(request.Id), subjectId: SubjectDirectory.Id(request.SubjectId),
            detail: new { request.CaseNumber, deliveryId = delivery.Id, packageId = package.Id, identifierId = to.Id, kind = to.Kind.ToString(), expiresAtUtc = expires }, cancellationToken: cancellationToken);
        return (errors, delivery.Id);
    }

    /// <summary>
    /// The code entered on the delivery page. A right one opens the package (once); a wrong one is counted. The
    /// outcome never says whose link it is.
    /// </summary>
    public async Task<DeliveryRedemption> RedeemAsync(string? token, string? code, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormedToken(token))
        {
            return new DeliveryRedemption(DeliveryOutcome.Unknown, 0);
        }
        var tokenHash = HashToken(token!);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.Set<AccessDelivery>().SingleOrDefaultAsync(d => d.TokenHash == tokenHash, cancellationToken);
        if (delivery is null)
        {
            return new DeliveryRedemption(DeliveryOutcome.Unknown, 0);
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (delivery.DownloadedAtUtc is not null)
        {
            return new DeliveryRedemption(DeliveryOutcome.AlreadyDownloaded, 0);
        }
        if (delivery.Attempts >= MaxAttempts)
        {
            return new DeliveryRedemption(DeliveryOutcome.Locked, 0);
        }
        if (delivery.ExpiresAtUtc <= now)
        {
            return new DeliveryRedemption(DeliveryOutcome.Expired, 0);
        }
        if (!VerificationService.IsSixDigits(code?.Trim()) || !VerificationService.Matches(delivery.CodeHash, VerificationService.HashCode(delivery.Id, code!.Trim())))
        {
            // Attempts is a concurrency token: parallel guesses are each counted or refused, never lost.
            delivery.Attempts++;
            if (!await db.SaveUnlessChangedAsync(cancellationToken))
            {
                return new DeliveryRedemption(DeliveryOutcome.WrongCode, 0);
            }
            var left = MaxAttempts - delivery.Attempts;
            return new DeliveryRedemption(left <= 0 ? DeliveryOutcome.Locked : DeliveryOutcome.WrongCode, left);
        }

        var package = await db.Set<ExportPackage>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == delivery.PackageId, cancellationToken);
        var path = package is null ? null : storage.PackagePath(package.FileName);
        if (package is null || package.DeletedAtUtc is not null || package.ExpiresAtUtc <= now || !File.Exists(path))
        {
            return new DeliveryRedemption(DeliveryOutcome.Gone, 0);
        }
        // Claimed with a conditional update: two right entries at the same moment still download once.
        var claimed = await db.Set<AccessDelivery>().Where(d => d.Id == delivery.Id && d.DownloadedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DownloadedAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return new DeliveryRedemption(DeliveryOutcome.AlreadyDownloaded, 0);
        }
        var content = storage.Files.OpenRead(path!);
        var subjectId = await db.Set<DataSubjectRequest>().Where(r => r.Id == delivery.RequestId).Select(r => r.SubjectId).SingleAsync(cancellationToken);
        await audit.RecordAsync(RequestActions.PackageCollected, targetType: "request", targetId: RequestService.Id(delivery.RequestId), subjectId: SubjectDirectory.Id(subjectId),
            detail: new { deliveryId = delivery.Id, packageId = package.Id, package.Sha256, package.SizeBytes }, actorId: SubjectActor, cancellationToken: cancellationToken);
        return new DeliveryRedemption(DeliveryOutcome.Ready, MaxAttempts - delivery.Attempts, content, $"personal-information-{package.Id.ToString(CultureInfo.InvariantCulture)}.zip");
    }

    /// <summary>32 random bytes, base64url: unguessable, and safe in a path.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    public static bool IsWellFormedToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
