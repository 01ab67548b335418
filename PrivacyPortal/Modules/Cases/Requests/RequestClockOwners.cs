using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Clocks;

namespace PrivacyPortal.Modules.Cases.Requests;

/// <summary>A request's answer clocks are owned by its case number; a recipient notice's by "case number/recipient".</summary>
public sealed class RequestClockOwners(string ownerType) : IClockOwners
{
    public const string Request = "request";
    public const string RecipientNotice = "recipient-notice";

    public string OwnerType => ownerType;

    public async Task<IReadOnlyDictionary<string, ClockOwnerName>> NamesAsync(PortalDbContext db, IReadOnlyCollection<string> ownerIds, CancellationToken cancellationToken)
    {
        var caseNumbers = ownerIds.Select(CaseNumberOf).Distinct().ToList();
        var cases = await db.Set<DataSubjectRequest>().AsNoTracking().Where(r => caseNumbers.Contains(r.CaseNumber))
            .Select(r => new { r.Id, r.CaseNumber }).ToDictionaryAsync(r => r.CaseNumber, r => r.Id, cancellationToken);
        return ownerIds.Where(id => cases.ContainsKey(CaseNumberOf(id)))
            .ToDictionary(id => id, id => new ClockOwnerName(CaseNumberOf(id), CasesRoutes.Case(cases[CaseNumberOf(id)])));
    }

    private static string CaseNumberOf(string ownerId) => ownerId.Split('/')[0];
}
