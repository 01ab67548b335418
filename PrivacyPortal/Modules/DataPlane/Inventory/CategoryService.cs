using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

public sealed class CategoryInput
{
    public int Id { get; set; }

    /// <summary>Set when the category is created; fixed afterwards because connector mappings and exports refer to it.</summary>
    public string Key { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string DescriptionZh { get; set; } = "";

    public string DescriptionEn { get; set; } = "";

    public bool IsSensitive { get; set; }

    public int Version { get; set; }
}

public sealed record CategoryRow(
    int Id, string Key, string NameZh, string NameEn, string DescriptionZh, string DescriptionEn, bool IsSensitive,
    int Systems, int Recipients, int Purposes, int Version)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    public string Description(bool chinese) => chinese ? DescriptionZh : DescriptionEn;

    public CategoryInput ToInput() => new()
    {
        Id = Id, Key = Key, NameZh = NameZh, NameEn = NameEn, DescriptionZh = DescriptionZh, DescriptionEn = DescriptionEn, IsSensitive = IsSensitive, Version = Version,
    };
}

/// <summary>
/// The data categories of statement 1.1-1.3, seeded, and those compliance officers add. A category still held by
/// a system, shared with a recipient, used by a purpose or named in a disclosure cannot be deleted.
/// </summary>
public sealed class CategoryService(IDbContextFactory<PortalDbContext> contexts, AuditTrail audit)
{
    /// <summary>Every category, for pickers and chips.</summary>
    public async Task<IReadOnlyList<CategoryRef>> RefsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<DataCategory>().AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new CategoryRef(c.Id, c.Key, c.NameZh, c.NameEn, c.IsSensitive)).ToListAsync(cancellationToken);
    }

    /// <summary>Every category with how many systems, recipients and purposes use it.</summary>
    public async Task<IReadOnlyList<CategoryRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await db.Set<DataCategory>().AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var systems = await CountsAsync(db.Set<DataSystem>().SelectMany(s => s.Categories), cancellationToken);
        var recipients = await CountsAsync(db.Set<Recipient>().SelectMany(r => r.Categories), cancellationToken);
        var purposes = await CountsAsync(db.Set<Purpose>().SelectMany(p => p.Categories), cancellationToken);
        return categories.Select(c => new CategoryRow(c.Id, c.Key, c.NameZh, c.NameEn, c.DescriptionZh, c.DescriptionEn, c.IsSensitive,
            systems.GetValueOrDefault(c.Id), recipients.GetValueOrDefault(c.Id), purposes.GetValueOrDefault(c.Id), c.Version)).ToList();
    }

    private static async Task<Dictionary<int, int>> CountsAsync(IQueryable<DataCategory> used, CancellationToken cancellationToken) =>
        await used.GroupBy(c => c.Id).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

    public async Task<InventorySave> SaveAsync(CategoryInput input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var creating = input.Id == 0;
        var key = creating ? InventoryRules.Key(errors, nameof(input.Key), input.Key) : input.Key;
        var nameZh = InventoryRules.Required(errors, nameof(input.NameZh), input.NameZh, 100);
        var nameEn = InventoryRules.Required(errors, nameof(input.NameEn), input.NameEn, 100);
        var descriptionZh = InventoryRules.Required(errors, nameof(input.DescriptionZh), input.DescriptionZh, 1000);
        var descriptionEn = InventoryRules.Required(errors, nameof(input.DescriptionEn), input.DescriptionEn, 1000);
        if (!errors.IsValid)
        {
            return InventorySave.Invalid(errors);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var others = db.Set<DataCategory>().Where(c => c.Id != input.Id);
        if (creating && await others.AnyAsync(c => c.Key == key, cancellationToken))
        {
            errors[nameof(input.Key)] = "Inventory.Category.KeyTaken";
        }
        if (await others.AnyAsync(c => c.NameZh.ToLower() == nameZh.ToLower(), cancellationToken))
        {
            errors[nameof(input.NameZh)] = "Inventory.Category.NameTaken";
        }
        if (await others.AnyAsync(c => c.NameEn.ToLower() == nameEn.ToLower(), cancellationToken))
        {
            errors[nameof(input.NameEn)] = "Inventory.Category.NameTaken";
        }
        if (!errors.IsValid)
        {
            return InventorySave.Invalid(errors);
        }

        DataCategory category;
        if (creating)
        {
            category = new DataCategory { Key = key };
            db.Add(category);
        }
        else
        {
            var found = await db.Set<DataCategory>().SingleOrDefaultAsync(c => c.Id == input.Id, cancellationToken);
            if (found is null)
            {
                return InventorySave.Of(InventoryChange.NotFound);
            }
            category = found;
            if (!db.TryClaim(category, input.Version))
            {
                return InventorySave.Of(InventoryChange.Conflict);
            }
        }
        category.NameZh = nameZh;
        category.NameEn = nameEn;
        category.DescriptionZh = descriptionZh;
        category.DescriptionEn = descriptionEn;
        category.IsSensitive = input.IsSensitive;
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
            // Another officer created the same key a moment ago (unique index).
            errors[nameof(input.Key)] = "Inventory.Category.KeyTaken";
            return InventorySave.Invalid(errors);
        }
        await audit.RecordAsync(creating ? InventoryActions.CategoryCreated : InventoryActions.CategoryChanged, targetType: "data-category",
            targetId: InventoryActions.Id(category.Id), detail: new { key = category.Key, sensitive = category.IsSensitive, version = category.Version },
            cancellationToken: cancellationToken);
        return new InventorySave(InventoryChange.Done, errors, category.Id);
    }

    /// <summary>Deletes an unused category; one still in use is refused with where it is used.</summary>
    public async Task<InventoryDelete> DeleteAsync(int id, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await db.Set<DataCategory>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return InventoryDelete.Of(InventoryChange.NotFound);
        }
        if (!db.TryClaim(category, version))
        {
            return InventoryDelete.Of(InventoryChange.Conflict);
        }
        var usage = await UsageAsync(db, id, cancellationToken);
        if (usage.Count > 0)
        {
            return new InventoryDelete(InventoryChange.InUse, usage);
        }
        db.Remove(category);
        var outcome = await InventoryRules.DeleteAsync(db, cancellationToken);
        if (outcome != InventoryChange.Done)
        {
            return InventoryDelete.Of(outcome);
        }
        await audit.RecordAsync(InventoryActions.CategoryDeleted, targetType: "data-category", targetId: InventoryActions.Id(id),
            detail: new { key = category.Key }, cancellationToken: cancellationToken);
        return InventoryDelete.Of(InventoryChange.Done);
    }

    private static async Task<List<UsageEntry>> UsageAsync(PortalDbContext db, int id, CancellationToken cancellationToken)
    {
        var chinese = InventoryLabels.IsChinese;
        var usage = new List<UsageEntry>();
        var systems = await db.Set<DataSystem>().Where(s => s.Categories.Any(c => c.Id == id)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);
        Add(usage, "Systems", systems);
        var recipients = await db.Set<Recipient>().Where(r => r.Categories.Any(c => c.Id == id)).OrderBy(r => r.Name).Select(r => r.Name).ToListAsync(cancellationToken);
        Add(usage, "Recipients", recipients);
        var purposes = await db.Set<Purpose>().Where(p => p.Categories.Any(c => c.Id == id)).OrderBy(p => p.Id)
            .Select(p => chinese ? p.NameZh : p.NameEn).ToListAsync(cancellationToken);
        Add(usage, "Purposes", purposes);
        var disclosures = await db.Set<Disclosure>().CountAsync(d => d.Categories.Any(c => c.Id == id), cancellationToken);
        if (disclosures > 0)
        {
            usage.Add(new UsageEntry("Disclosures", [], disclosures));
        }
        return usage;
    }

    internal static void Add(List<UsageEntry> usage, string kind, List<string> names)
    {
        if (names.Count > 0)
        {
            usage.Add(new UsageEntry(kind, names, names.Count));
        }
    }
}
