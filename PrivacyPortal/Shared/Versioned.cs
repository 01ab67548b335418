using Microsoft.EntityFrameworkCore;

namespace PrivacyPortal.Shared;

/// <summary>An entity staff edit: its integer <see cref="Version"/> is the concurrency token (see its configuration).</summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>The portal's one optimistic-concurrency pattern: check the version the user loaded, then save only over it.</summary>
public static class Versioned
{
    /// <summary>
    /// True when <paramref name="row"/> (tracked by <paramref name="db"/>) is still at the version the user loaded; its
    /// version is then raised, so the UPDATE of the next save matches only that version and a save by someone else in
    /// between makes the save fail (<see cref="SaveUnlessChangedAsync"/>). False: someone else changed it; change nothing.
    /// </summary>
    public static bool TryClaim(this DbContext db, IVersioned row, int loadedVersion)
    {
        if (row.Version != loadedVersion)
        {
            return false;
        }
        db.Entry(row).Property(nameof(IVersioned.Version)).OriginalValue = loadedVersion;
        row.Version = loadedVersion + 1;
        return true;
    }

    /// <summary>Saves; false, with nothing saved, when a row was changed by someone else since it was read.</summary>
    public static async Task<bool> SaveUnlessChangedAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
