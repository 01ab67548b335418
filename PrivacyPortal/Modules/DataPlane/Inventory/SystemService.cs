using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>A system's basic fields. Connector settings are edited on the system's connector page, not here.</summary>
public sealed class SystemInput
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string OwnerTeam { get; set; } = "";

    public string OwnerEmail { get; set; } = "";

    public string Purpose { get; set; } = "";

    public string StorageRegion { get; set; } = StorageRegions.MainlandChina;

    public string RetentionNote { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public IReadOnlyCollection<int> CategoryIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record SystemRow(
    int Id, string Name, string OwnerTeam, string OwnerEmail, string Purpose, string StorageRegion, string RetentionNote, bool IsActive,
    ConnectorKind ConnectorKind, IReadOnlyList<CategoryRef> Categories, int Recipients, int Version)
{
    public bool IsCrossBorder => StorageRegions.IsCrossBorder(StorageRegion);

    public SystemInput ToInput() => new()
    {
        Id = Id, Name = Name, OwnerTeam = OwnerTeam, OwnerEmail = OwnerEmail, Purpose = Purpose, StorageRegion = StorageRegion,
        RetentionNote = RetentionNote, IsActive = IsActive, CategoryIds = Categories.Select(c => c.Id).ToList(), Version = Version,
    };
}

public sealed record SystemRef(int Id, string Name, string StorageRegion, bool IsActive)
{
    public bool IsCrossBorder => StorageRegions.IsCrossBorder(StorageRegion);
}

/// <summary>
/// The systems that hold personal information (statement 1, 2.1): owner, purpose, storage region (outside
/// mainland China is cross-border), categories held. Compliance officers and IT manage them; every change audited.
/// </summary>
public sealed class SystemService(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, TimeProvider time)
{
    public async Task<IReadOnlyList<SystemRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSystem>().AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SystemRow(s.Id, s.Name, s.OwnerTeam, s.OwnerEmail, s.Purpose, s.StorageRegion, s.RetentionNote, s.IsActive, s.ConnectorKind,
                s.Categories.OrderBy(c => c.Id).Select(c => new CategoryRef(c.Id, c.Key, c.NameZh, c.NameEn, c.IsSensitive)).ToList(),
                db.Set<DataFlow>().Count(f => f.SystemId == s.Id), s.Version))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Names for pickers (flows, purposes).</summary>
    public async Task<IReadOnlyList<SystemRef>> RefsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSystem>().AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SystemRef(s.Id, s.Name, s.StorageRegion, s.IsActive)).ToListAsync(cancellationToken);
    }

    public async Task<InventorySave> SaveAsync(SystemInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var name = InventoryRules.Required(errors, nameof(input.Name), input.Name, 100);
        var ownerTeam = InventoryRules.Required(errors, nameof(input.OwnerTeam), input.OwnerTeam, 100);
        var ownerEmail = InventoryRules.Email(errors, nameof(input.OwnerEmail), input.OwnerEmail);
        var purpose = InventoryRules.Required(errors, nameof(input.Purpose), input.Purpose, 500);
        var retention = InventoryRules.Optional(errors, nameof(input.RetentionNote), input.RetentionNote, 500);
        InventoryRules.Region(errors, nameof(input.StorageRegion), input.StorageRegion);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await InventoryRules.CategoriesAsync(db, errors, nameof(input.CategoryIds), input.CategoryIds, cancellationToken);
        if (errors.For(nameof(input.Name)) is null
            && await db.Set<DataSystem>().AnyAsync(s => s.Id != input.Id && s.Name.ToLower() == name.ToLower(), cancellationToken))
        {
            errors[nameof(input.Name)] = "Inventory.System.NameTaken";
        }
        if (!errors.IsValid)
        {
            return InventorySave.Invalid(errors);
        }

        var creating = input.Id == 0;
        DataSystem system;
        object? before = null;
        if (creating)
        {
            // A new system starts with the manual connector: its owner works through tasks until IT configures one.
            system = new DataSystem { ConnectorKind = ConnectorKind.Manual, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
            db.Add(system);
        }
        else
        {
            var found = await db.Set<DataSystem>().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == input.Id, cancellationToken);
            if (found is null)
            {
                return InventorySave.Of(InventoryChange.NotFound);
            }
            // The audit record keeps the version the change started from.
            before = Snapshot(found);
            if (!db.TryClaim(found, input.Version))
            {
                return InventorySave.Of(InventoryChange.Conflict);
            }
            system = found;
        }
        system.Name = name;
        system.OwnerTeam = ownerTeam;
        system.OwnerEmail = ownerEmail;
        system.Purpose = purpose;
        system.StorageRegion = input.StorageRegion;
        system.RetentionNote = retention;
        system.IsActive = input.IsActive;
        InventoryRules.Replace(system.Categories, categories);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return InventorySave.Of(InventoryChange.Conflict);
        }
        catch (DbUpdateException)
        {
            if (!await NameTakenAsync(name, system.Id, cancellationToken))
            {
                throw;
            }
            // The unique index caught a name someone saved a moment ago.
            errors[nameof(input.Name)] = "Inventory.System.NameTaken";
            return InventorySave.Invalid(errors);
        }
        await audit.RecordAsync(creating ? InventoryActions.SystemCreated : InventoryActions.SystemChanged, targetType: "data-system",
            targetId: InventoryActions.Id(system.Id), detail: new { before, after = Snapshot(system) }, cancellationToken: cancellationToken);
        return new InventorySave(InventoryChange.Done, errors, system.Id);
    }

    /// <summary>
    /// Deletes a system nobody refers to. One with data flows, purposes, connector tasks or data-subject operations
    /// is refused with where it is used: mark it inactive instead, so its history stays readable.
    /// </summary>
    public async Task<InventoryDelete> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var system = await db.Set<DataSystem>().Include(s => s.Categories).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (system is null)
        {
            return InventoryDelete.Of(InventoryChange.NotFound);
        }
        if (!db.TryClaim(system, version))
        {
            return InventoryDelete.Of(InventoryChange.Conflict);
        }
        var usage = new List<UsageEntry>();
        var recipients = await db.Set<DataFlow>().Where(f => f.SystemId == id).OrderBy(f => f.Recipient!.Name).Select(f => f.Recipient!.Name).ToListAsync(cancellationToken);
        CategoryService.Add(usage, "Flows", recipients);
        var chinese = InventoryLabels.IsChinese;
        var purposes = await db.Set<Purpose>().Where(p => p.Systems.Any(s => s.Id == id)).OrderBy(p => p.Id).Select(p => chinese ? p.NameZh : p.NameEn).ToListAsync(cancellationToken);
        CategoryService.Add(usage, "Purposes", purposes);
        var operations = await db.Set<SubjectOperationStep>().CountAsync(s => s.SystemId == id, cancellationToken)
            + await db.Set<ConnectorTask>().CountAsync(t => t.SystemId == id, cancellationToken);
        if (operations > 0)
        {
            usage.Add(new UsageEntry("Operations", [], operations));
        }
        if (usage.Count > 0)
        {
            return new InventoryDelete(InventoryChange.InUse, usage);
        }
        var snapshot = Snapshot(system);
        db.Remove(system);
        var outcome = await InventoryRules.DeleteAsync(db, cancellationToken);
        if (outcome == InventoryChange.Done)
        {
            await audit.RecordAsync(InventoryActions.SystemDeleted, targetType: "data-system", targetId: InventoryActions.Id(id), detail: snapshot, cancellationToken: cancellationToken);
        }
        return InventoryDelete.Of(outcome);
    }

    private async Task<bool> NameTakenAsync(string name, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataSystem>().AnyAsync(s => s.Id != id && s.Name.ToLower() == name.ToLower(), cancellationToken);
    }

    // No owner e-mail: the audit trail carries names of systems and codes, never a person's address.
    private static object Snapshot(DataSystem s) => new
    {
        name = s.Name,
        ownerTeam = s.OwnerTeam,
        region = s.StorageRegion,
        crossBorder = s.IsCrossBorder,
        active = s.IsActive,
        categories = s.Categories.Select(c => c.Key).Order(StringComparer.Ordinal).ToArray(),
        version = s.Version,
    };
}
