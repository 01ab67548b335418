using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Subjects;

namespace PrivacyPortal.Modules.Cases.Requests;

public static class RequestContacts
{
    /// <summary>Where answers about a case go: a verified contact first, e-mail before phone; never an account id.</summary>
    public static Task<SubjectIdentifier?> PreferredAsync(PortalDbContext db, long subjectId, CancellationToken cancellationToken) =>
        db.Set<SubjectIdentifier>().AsNoTracking().Where(i => i.SubjectId == subjectId && i.Kind != IdentifierKind.AccountId)
            .OrderByDescending(i => i.IsVerified).ThenBy(i => i.Kind == IdentifierKind.Email ? 0 : 1).FirstOrDefaultAsync(cancellationToken);
}
