using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>Downloading and expiring export packages. Every download is audited.</summary>
public sealed class ExportPackageService(IDbContextFactory<PortalDbContext> contexts, ExportStorage storage, AuditTrail audit, TimeProvider time, ILogger<ExportPackageService> log, AccessGuard access)
{
    /// <summary>The decrypted zip, or null when the package does not exist, has expired or its file is gone.</summary>
    public async Task<(ExportPackage Package, Stream Content)?> OpenAsync(long packageId, CancellationToken cancellationToken = default)
    {
        await access.RequireAsync(Policies.Compliance, "exports.open");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var package = await db.Set<ExportPackage>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (package is null || package.DeletedAtUtc is not null || package.ExpiresAtUtc <= now || !File.Exists(storage.PackagePath(package.FileName)))
        {
            return null;
        }
        var content = storage.Files.OpenRead(storage.PackagePath(package.FileName));
        await audit.RecordAsync(ConnectorActions.PackageDownloaded, targetType: "export-package", targetId: package.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            subjectId: SubjectDirectory.Id(package.SubjectId), detail: new { package.OperationId, package.Sha256, package.SizeBytes }, cancellationToken: cancellationToken);
        return (package, content);
    }

    public static string DownloadName(ExportPackage package) => $"export-{DataSubject.FormatReference(package.SubjectId)}-{package.Id}.zip";

    /// <summary>Deletes expired packages and leftover parts of old operations. Run daily by <see cref="SubjectOperationJob"/>.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = await db.Set<ExportPackage>().Where(p => p.DeletedAtUtc == null && p.ExpiresAtUtc <= now).Take(500).ToListAsync(cancellationToken);
        foreach (var package in expired)
        {
            File.Delete(storage.PackagePath(package.FileName));
            package.DeletedAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(ConnectorActions.PackageExpired, targetType: "export-package", targetId: package.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                subjectId: SubjectDirectory.Id(package.SubjectId), actorId: AuditActors.System, cancellationToken: cancellationToken);
        }
        // Parts of an export that failed and was never retried hold personal data too: gone after the same period.
        var cutoff = now.AddDays(-storage.ExpiryDays);
        var abandoned = await db.Set<SubjectOperation>().Where(o => o.Kind == OperationKind.Export && o.CreatedAtUtc < cutoff && o.Status != OperationStatus.Running)
            .Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var id in abandoned)
        {
            ExportStorage.DeleteFolder(storage.OperationPartsFolder(id));
        }
        if (expired.Count > 0)
        {
            log.LogInformation("Deleted {Count} expired export packages", expired.Count);
        }
        return expired.Count;
    }
}

public sealed class SubjectOperationJob(SubjectOperationService operations, ExportPackageService packages)
{
    /// <summary>Resumes operations a stopped instance left behind.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken) => operations.ResumeStaleAsync(cancellationToken);

    public Task DeleteExpiredAsync(CancellationToken cancellationToken) => packages.DeleteExpiredAsync(cancellationToken);
}
