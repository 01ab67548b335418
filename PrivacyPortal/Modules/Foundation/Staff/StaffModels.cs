namespace PrivacyPortal.Modules.Foundation.Staff;

public sealed class NewStaffAccount
{
    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>Optional work phone, e.g. for IT to call back before resetting two-factor.</summary>
    public string? PhoneNumber { get; set; }

    public string Password { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";

    public HashSet<string> Roles { get; set; } = [];
}

public sealed record StaffRow(
    string Id,
    string DisplayName,
    string Email,
    IReadOnlyList<string> Roles,
    bool IsActive,
    bool TwoFactorEnabled,
    bool LockedOut,
    DateTime CreatedAtUtc,
    DateTime? LastSignInUtc,
    string ConcurrencyStamp);

public enum StaffSort
{
    DisplayName,
    Email,
    CreatedAt,
    LastSignIn,
}

public sealed record StaffQuery(string? Search, int Page, int PageSize, StaffSort SortBy = StaffSort.DisplayName, bool Descending = false);

public enum StaffChange
{
    Done,
    NotFound,
    /// <summary>Someone else changed the account since it was loaded: nothing was saved.</summary>
    Conflict,
    /// <summary>The portal would be left without an active Admin: refused.</summary>
    LastAdmin,
    /// <summary>An Admin tried to give themselves a role: a second Admin must.</summary>
    SelfGrant,
    /// <summary>The account already has an authenticator: reset it first.</summary>
    AlreadyEnrolled,
}
