using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane.Inventory;

/// <summary>What the inventory writes to the audit trail. Details carry ids, keys and codes, never personal values.</summary>
public static class InventoryActions
{
    public const string CategoryCreated = "data-category.created";
    public const string CategoryChanged = "data-category.changed";
    public const string CategoryDeleted = "data-category.deleted";

    public const string SystemCreated = "data-system.created";
    public const string SystemChanged = "data-system.changed";
    public const string SystemDeleted = "data-system.deleted";

    public const string RecipientCreated = "recipient.created";
    public const string RecipientChanged = "recipient.changed";
    public const string RecipientDeleted = "recipient.deleted";

    public const string FlowCreated = "data-flow.created";
    public const string FlowChanged = "data-flow.changed";
    public const string FlowDeleted = "data-flow.deleted";

    public const string PurposeCreated = "purpose.created";
    public const string PurposeChanged = "purpose.changed";
    public const string PurposeDeleted = "purpose.deleted";

    public const string DisclosureRecorded = "disclosure.recorded";
    public const string DisclosureChanged = "disclosure.changed";
    public const string DisclosureDeleted = "disclosure.deleted";
    public const string DisclosureSubjectsInformed = "disclosure.subjects-informed";

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>How a change to the inventory ended; the page shows <c>Inventory.Change.{value}</c>.</summary>
public enum InventoryChange
{
    Done,
    /// <summary>A field is wrong: see the errors.</summary>
    Invalid,
    NotFound,
    /// <summary>Someone else saved a newer version first; nothing was saved.</summary>
    Conflict,
    /// <summary>Still referenced elsewhere: see the usage.</summary>
    InUse,
    /// <summary>Not allowed now (e.g. informing people before the permitted date).</summary>
    Refused,
}

public sealed record InventorySave(InventoryChange Change, FieldErrors Errors, int? Id = null)
{
    public static InventorySave Invalid(FieldErrors errors) => new(InventoryChange.Invalid, errors);

    public static InventorySave Of(InventoryChange change) => new(change, new FieldErrors());
}

/// <summary>Where an entry is still used: <see cref="Kind"/> names the place (<c>Inventory.UsedBy.{Kind}</c>), with names or a count.</summary>
public sealed record UsageEntry(string Kind, IReadOnlyList<string> Names, int Count);

public sealed record InventoryDelete(InventoryChange Change, IReadOnlyList<UsageEntry> Usage)
{
    public static InventoryDelete Of(InventoryChange change) => new(change, []);
}

/// <summary>A category as lists show it: both names, so the page picks the reader's language.</summary>
public sealed record CategoryRef(int Id, string Key, string NameZh, string NameEn, bool IsSensitive)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>The checks every inventory form shares; each writes a resource key per field and never throws.</summary>
internal static partial class InventoryRules
{
    public static string Required(FieldErrors errors, string field, string? value, int maxLength)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0)
        {
            errors[field] = "Validation.Required";
        }
        else if (text.Length > maxLength)
        {
            errors[field] = "Validation.TooLong";
        }
        return text;
    }

    public static string Optional(FieldErrors errors, string field, string? value, int maxLength)
    {
        var text = (value ?? "").Trim();
        if (text.Length > maxLength)
        {
            errors[field] = "Validation.TooLong";
        }
        return text;
    }

    public static string Email(FieldErrors errors, string field, string? value)
    {
        var text = Required(errors, field, value, 256);
        if (errors.For(field) is null && !IsEmail(text))
        {
            errors[field] = "Validation.Email";
        }
        return text;
    }

    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);

    public static void Region(FieldErrors errors, string field, string? region)
    {
        if (region is null || !StorageRegions.All.Contains(region))
        {
            errors[field] = "Inventory.Region.Invalid";
        }
    }

    /// <summary>Keys are stable identifiers used by connector mappings and exports: lowercase words joined by hyphens.</summary>
    public static string Key(FieldErrors errors, string field, string? value)
    {
        var text = Required(errors, field, value, 48);
        if (errors.For(field) is null && !KeyPattern().IsMatch(text))
        {
            errors[field] = "Inventory.Key.Invalid";
        }
        return text;
    }

    public static void Defined<TEnum>(FieldErrors errors, string field, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors[field] = "Validation.Rejected";
        }
    }

    /// <summary>Loads the picked categories; none picked, or one that no longer exists, is a field error.</summary>
    public static async Task<List<DataCategory>> CategoriesAsync(PortalDbContext db, FieldErrors errors, string field, IReadOnlyCollection<int>? ids, CancellationToken cancellationToken)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count == 0)
        {
            errors[field] = "Inventory.Categories.Required";
            return [];
        }
        var found = await db.Set<DataCategory>().Where(c => wanted.Contains(c.Id)).ToListAsync(cancellationToken);
        if (found.Count != wanted.Count)
        {
            errors[field] = "Inventory.Categories.Unknown";
        }
        return found;
    }

    /// <summary>Makes a tracked many-to-many collection hold exactly <paramref name="wanted"/>.</summary>
    public static void Replace<T>(List<T> current, IReadOnlyCollection<T> wanted) where T : class
    {
        current.RemoveAll(c => !wanted.Contains(c));
        current.AddRange(wanted.Where(w => !current.Contains(w)));
    }

    /// <summary>Saves a removal; a newer version or a reference this feature does not know of (another feature's foreign key) refuses it.</summary>
    public static async Task<InventoryChange> DeleteAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return InventoryChange.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return InventoryChange.Conflict;
        }
        catch (DbUpdateException)
        {
            return InventoryChange.InUse;
        }
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
