using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

public sealed class PurposeInput
{
    public int Id { get; set; }

    /// <summary>Set when the purpose is created; fixed afterwards (consent records and exports refer to it).</summary>
    public string Key { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string DescriptionZh { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public bool IsEssential { get; set; }

    public IReadOnlyCollection<int> CategoryIds { get; set; } = [];

    public IReadOnlyCollection<int> SystemIds { get; set; } = [];

    public int Version { get; set; }
}

public sealed record PurposeRow(
    int Id, string Key, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn, bool IsEssential,
    IReadOnlyList<CategoryRef> Categories, IReadOnlyList<SystemRef> Systems, int Version)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    public string Description(bool chinese) => chinese ? DescriptionZh : DescriptionEn;

    public PurposeInput ToInput() => new()
    {
        Id = Id, Key = Key, NameZh = NameZh, NameEn = NameEn, DescriptionZh = DescriptionZh, DescriptionEn = DescriptionEn, IsEssential = IsEssential,
        CategoryIds = Categories.Select(c => c.Id).ToList(), SystemIds = Systems.Select(s => s.Id).ToList(), Version = Version,
    };
}

/// <summary>
/// Purposes of use (statement 4), each essential (the service needs it) or resting on consent, which a person may
/// withdraw (statement 6.5), with the categories and systems each uses.
/// </summary>
public sealed class PurposeService(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit)
{
    public async Task<IReadOnlyList<PurposeRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var purposes = await db.Set<Purpose>().AsNoTracking().Include(p => p.Categories).Include(p => p.Systems).OrderBy(p => p.Id)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return purposes.Select(p => new PurposeRow(p.Id, p.Key, p.NameZh, p.NameEn, p.DescriptionZh, p.DescriptionEn, p.IsEssential,
            p.Categories.OrderBy(c => c.Id).Select(c => new CategoryRef(c.Id, c.Key, c.NameZh, c.NameEn, c.IsSensitive)).ToList(),
            p.Systems.OrderBy(s => s.Name).Select(s => new SystemRef(s.Id, s.Name, s.StorageRegion, s.IsActive)).ToList(), p.Version)).ToList();
    }

    public async Task<InventorySave> SaveAsync(PurposeInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var creating = input.Id == 0;
        var key = creating ? InventoryRules.Key(errors, nameof(input.Key), input.Key) : input.Key;
        var nameZh = InventoryRules.Required(errors, nameof(input.NameZh), input.NameZh, 100);
        var nameEn = InventoryRules.Required(errors, nameof(input.NameEn), input.NameEn, 100);
        var descriptionZh = InventoryRules.Required(errors, nameof(input.DescriptionZh), input.DescriptionZh, 1000);
        var descriptionEn = InventoryRules.Required(errors, nameof(input.DescriptionEn), input.DescriptionEn, 1000);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categoryIds = (input.CategoryIds ?? []).Distinct().ToList();
        var categories = await db.Set<DataCategory>().Where(c => categoryIds.Contains(c.Id)).ToListAsync(cancellationToken);
        if (categories.Count != categoryIds.Count)
        {
            errors[nameof(input.CategoryIds)] = "Inventory.Categories.Unknown";
        }
        var systemIds = (input.SystemIds ?? []).Distinct().ToList();
        var systems = await db.Set<DataSystem>().Where(s => systemIds.Contains(s.Id)).ToListAsync(cancellationToken);
        if (systems.Count != systemIds.Count)
        {
            errors[nameof(input.SystemIds)] = "Inventory.Systems.Unknown";
        }
        var others = db.Set<Purpose>().Where(p => p.Id != input.Id);
        if (creating && errors.For(nameof(input.Key)) is null && await others.AnyAsync(p => p.Key == key, cancellationToken))
        {
            errors[nameof(input.Key)] = "Inventory.Purpose.KeyTaken";
        }
        if (errors.For(nameof(input.NameZh)) is null && await others.AnyAsync(p => p.NameZh.ToLower() == nameZh.ToLower(), cancellationToken))
        {
            errors[nameof(input.NameZh)] = "Inventory.Purpose.NameTaken";
        }
        if (errors.For(nameof(input.NameEn)) is null && await others.AnyAsync(p => p.NameEn.ToLower() == nameEn.ToLower(), cancellationToken))
        {
            errors[nameof(input.NameEn)] = "Inventory.Purpose.NameTaken";
        }
        if (!errors.IsValid)
        {
            return InventorySave.Invalid(errors);
        }

        Purpose purpose;
        object? before = null;
        if (creating)
        {
            purpose = new Purpose { Key = key };
            db.Add(purpose);
        }
        else
        {
            var found = await db.Set<Purpose>().Include(p => p.Categories).Include(p => p.Systems).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == input.Id, cancellationToken);
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
            purpose = found;
        }
        purpose.NameZh = nameZh;
        purpose.NameEn = nameEn;
        purpose.DescriptionZh = descriptionZh;
        purpose.DescriptionEn = descriptionEn;
        purpose.IsEssential = input.IsEssential;
        InventoryRules.Replace(purpose.Categories, categories);
        InventoryRules.Replace(purpose.Systems, systems);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return InventorySave.Of(InventoryChange.Conflict);
        }
        catch (DbUpdateException) when (creating)
        {
            errors[nameof(input.Key)] = "Inventory.Purpose.KeyTaken";
            return InventorySave.Invalid(errors);
        }
        await audit.RecordAsync(creating ? InventoryActions.PurposeCreated : InventoryActions.PurposeChanged, targetType: "purpose",
            targetId: InventoryActions.Id(purpose.Id), detail: new { before, after = Snapshot(purpose) }, cancellationToken: cancellationToken);
        return new InventorySave(InventoryChange.Done, errors, purpose.Id);
    }

    /// <summary>A purpose people have given or withdrawn consent for keeps its records: deleting it is refused.</summary>
    public async Task<InventoryDelete> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var purpose = await db.Set<Purpose>().Include(p => p.Categories).Include(p => p.Systems).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (purpose is null)
        {
            return InventoryDelete.Of(InventoryChange.NotFound);
        }
        if (!db.TryClaim(purpose, version))
        {
            return InventoryDelete.Of(InventoryChange.Conflict);
        }
        var records = await db.Set<ConsentRecord>().CountAsync(r => r.PurposeId == id, cancellationToken);
        if (records > 0)
        {
            return new InventoryDelete(InventoryChange.InUse, [new UsageEntry("ConsentRecords", [], records)]);
        }
        var snapshot = Snapshot(purpose);
        db.Remove(purpose);
        var outcome = await InventoryRules.DeleteAsync(db, cancellationToken);
        if (outcome == InventoryChange.Done)
        {
            await audit.RecordAsync(InventoryActions.PurposeDeleted, targetType: "purpose", targetId: InventoryActions.Id(id), detail: snapshot, cancellationToken: cancellationToken);
        }
        return InventoryDelete.Of(outcome);
    }

    private static object Snapshot(Purpose p) => new
    {
        key = p.Key,
        essential = p.IsEssential,
        categories = p.Categories.Select(c => c.Key).Order(StringComparer.Ordinal).ToArray(),
        systems = p.Systems.Select(s => s.Id).Order().ToArray(),
        version = p.Version,
    };
}
