using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Inventory;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>Turns a registered system into what its connector needs, secrets decrypted only for the call.</summary>
public sealed class ConnectorTargets(IDbContextFactory<PortalDbContext> contexts, ConnectorSecrets secrets, IEnumerable<IConnector> connectors)
{
    public IConnector ConnectorFor(ConnectorKind kind) =>
        connectors.FirstOrDefault(c => c.Kind == kind) ?? throw new InvalidOperationException($"No connector of kind {kind} is registered.");

    public ConnectorTarget For(DataSystem system) => new(
        system.Id,
        system.Name,
        system.ConnectorKind,
        system.Categories.Select(c => c.Key).ToList(),
        system.DatabaseProvider,
        string.IsNullOrEmpty(system.SecretProtected) ? null : secrets.Unprotect(system.SecretProtected),
        system.BaseUrl,
        system.ConnectorKind == ConnectorKind.Database ? DatabaseMapping.FromJson(system.MappingJson) : null,
        system.ManualChecklist);

    /// <summary>The active systems with their categories, for an operation or a discovery.</summary>
    public async Task<IReadOnlyList<DataSystem>> ActiveSystemsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSystem>().AsNoTracking().Include(s => s.Categories).Where(s => s.IsActive).OrderBy(s => s.Name).ToListAsync(cancellationToken);
    }

    public async Task<DataSystem?> SystemAsync(int systemId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSystem>().AsNoTracking().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == systemId, cancellationToken);
    }
}
