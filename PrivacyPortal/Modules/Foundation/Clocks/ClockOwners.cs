using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Foundation.Clocks;

/// <summary>What staff call a clock's owner (PR-…, BR-…) and where it lives in the portal.</summary>
public sealed record ClockOwnerName(string Text, string Href);

/// <summary>
/// A module whose records own clocks names them for the deadlines list, as the portal names them elsewhere: the list
/// knows only owner types and ids, and a lower layer cannot read the modules above it.
/// </summary>
public interface IClockOwners
{
    string OwnerType { get; }

    Task<IReadOnlyDictionary<string, ClockOwnerName>> NamesAsync(PortalDbContext db, IReadOnlyCollection<string> ownerIds, CancellationToken cancellationToken);
}

/// <summary>Looks the owners of a page of clocks up, one query per owner type.</summary>
public sealed class ClockOwnerNames(IDbContextFactory<PortalDbContext> contexts, IEnumerable<IClockOwners> owners)
{
    public async Task<IReadOnlyDictionary<(string Type, string Id), ClockOwnerName>> NamesAsync(IEnumerable<ClockRow> rows, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<(string, string), ClockOwnerName>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var group in rows.GroupBy(r => r.OwnerType))
        {
            if (owners.FirstOrDefault(o => o.OwnerType == group.Key) is not { } owner)
            {
                continue;
            }
            foreach (var (id, name) in await owner.NamesAsync(db, [.. group.Select(r => r.OwnerId).Distinct()], cancellationToken))
            {
                names[(group.Key, id)] = name;
            }
        }
        return names;
    }
}
