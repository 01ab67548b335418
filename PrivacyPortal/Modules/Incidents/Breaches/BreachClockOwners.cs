using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Clocks;

namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>An incident's duty clocks are owned by its id; staff know it as BR-yyyy-nnnn.</summary>
public sealed class BreachClockOwners : IClockOwners
{
    public string OwnerType => BreachClocks.OwnerType;

    public async Task<IReadOnlyDictionary<string, ClockOwnerName>> NamesAsync(PortalDbContext db, IReadOnlyCollection<string> ownerIds, CancellationToken cancellationToken)
    {
        var ids = ownerIds.Select(o => long.TryParse(o, out var id) ? id : 0).Where(id => id > 0).ToList();
        return await db.Set<BreachIncident>().AsNoTracking().Where(i => ids.Contains(i.Id))
            .ToDictionaryAsync(i => BreachService.Owner(i.Id), i => new ClockOwnerName(i.Reference, IncidentsRoutes.Breach(i.Id)), cancellationToken);
    }
}
