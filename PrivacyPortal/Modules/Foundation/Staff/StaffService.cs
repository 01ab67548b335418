using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.Foundation.Staff;

/// <summary>
/// Staff accounts for Admins: create, set roles, disable, reset two-factor, unlock. Each change renews the
/// account's security stamp, so open sessions pick it up within the revalidation interval, and is audited.
/// Each call works in its own scope so a long-lived circuit never edits a stale copy.
/// </summary>
public sealed partial class StaffService(IServiceScopeFactory scopes, IDbContextFactory<PortalDbContext> contexts, AuditTrail audit, CurrentActor actor, TwoFactorRules twoFactor, TimeProvider time, AccessGuard access)
{
    public const int MaxDisplayName = 64;

    public async Task<FieldErrors> ValidateAsync(NewStaffAccount input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var name = input.DisplayName.Trim();
        if (name.Length == 0)
        {
            errors[nameof(input.DisplayName)] = "Validation.Required";
        }
        else if (name.Length > MaxDisplayName)
        {
            errors[nameof(input.DisplayName)] = "Validation.TooLong";
        }

        var email = input.Email.Trim();
        if (email.Length == 0)
        {
            errors[nameof(input.Email)] = "Validation.Required";
        }
        else if (!IsEmail(email))
        {
            errors[nameof(input.Email)] = "Validation.Email";
        }
        else
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var normalized = email.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized, cancellationToken))
            {
                errors[nameof(input.Email)] = "Validation.EmailTaken";
            }
        }

        if (!string.IsNullOrWhiteSpace(input.PhoneNumber) && !PhonePattern().IsMatch(input.PhoneNumber.Trim()))
        {
            errors[nameof(input.PhoneNumber)] = "Validation.Phone";
        }

        if (input.Password.Length < 12)
        {
            errors[nameof(input.Password)] = "Validation.PasswordLength";
        }
        else if (input.Password.Length > 128)
        {
            errors[nameof(input.Password)] = "Validation.TooLong";
        }
        else if (PasswordRules.Check(input.Password, email, name) is { } weak)
        {
            errors[nameof(input.Password)] = weak;
        }
        if (input.ConfirmPassword != input.Password)
        {
            errors[nameof(input.ConfirmPassword)] = "Validation.PasswordMismatch";
        }
        if (input.Roles.Any(r => !Roles.All.Contains(r)))
        {
            errors[nameof(input.Roles)] = "Validation.UnknownRole";
        }
        return errors;
    }

    /// <summary>Creates the account, or returns the errors and saves nothing.</summary>
    public async Task<(FieldErrors Errors, string? Id)> CreateAsync(NewStaffAccount input, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(input, cancellationToken);
        if (!errors.IsValid)
        {
            return (errors, null);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = input.Email.Trim();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = string.IsNullOrWhiteSpace(input.PhoneNumber) ? null : input.PhoneNumber.Trim(),
            DisplayName = input.DisplayName.Trim(),
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            TwoFactorDueUtc = twoFactor.IsRequiredFor(input.Roles) ? twoFactor.GraceEndsFromNow() : null,
        };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            // Identity's own checks (a race on the same e-mail, a password validator) map onto the form's fields.
            errors[created.Errors.Any(e => e.Code.Contains("Password", StringComparison.Ordinal)) ? nameof(input.Password) : nameof(input.Email)] =
                created.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal)) ? "Validation.EmailTaken"
                : created.Errors.Any(e => e.Code == PasswordRules.CommonCode) ? PasswordRules.CommonKey
                : created.Errors.Any(e => e.Code == PasswordRules.PersonalCode) ? PasswordRules.PersonalKey
                : "Validation.Rejected";
            return (errors, null);
        }
        if (input.Roles.Count > 0)
        {
            await users.AddToRolesAsync(user, input.Roles);
        }
        await audit.RecordAsync(AuditActions.StaffCreated, targetType: "staff", targetId: user.Id,
            detail: new { roles = input.Roles.Order().ToArray() }, cancellationToken: cancellationToken);
        return (errors, user.Id);
    }

    public async Task<PagedResult<StaffRow>> QueryAsync(StaffQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            users = users.Where(u => u.DisplayName.Contains(s) || u.Email!.Contains(s));
        }
        var total = await users.CountAsync(cancellationToken);
        var ordered = (query.SortBy, query.Descending) switch
        {
            (StaffSort.Email, false) => users.OrderBy(u => u.Email),
            (StaffSort.Email, true) => users.OrderByDescending(u => u.Email),
            (StaffSort.CreatedAt, false) => users.OrderBy(u => u.CreatedAtUtc),
            (StaffSort.CreatedAt, true) => users.OrderByDescending(u => u.CreatedAtUtc),
            (StaffSort.LastSignIn, false) => users.OrderBy(u => u.LastSignInUtc),
            (StaffSort.LastSignIn, true) => users.OrderByDescending(u => u.LastSignInUtc),
            (_, true) => users.OrderByDescending(u => u.DisplayName),
            _ => users.OrderBy(u => u.DisplayName),
        };
        var page = await ordered.ThenBy(u => u.Id)
            .Skip(Math.Max(0, query.Page) * query.PageSize)
            .Take(Math.Clamp(query.PageSize, 1, 200))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsActive, u.TwoFactorEnabled, u.LockoutEnd, u.CreatedAtUtc, u.LastSignInUtc, u.ConcurrencyStamp })
            .ToListAsync(cancellationToken);

        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = page.Select(u => new StaffRow(
                u.Id, u.DisplayName, u.Email ?? "",
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
                u.IsActive, u.TwoFactorEnabled, u.LockoutEnd > now, u.CreatedAtUtc, u.LastSignInUtc, u.ConcurrencyStamp ?? ""))
            .ToList();
        return new PagedResult<StaffRow>(rows, total);
    }

    public Task<StaffChange> SetRolesAsync(string id, IReadOnlyCollection<string> roles, string concurrencyStamp, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, concurrencyStamp, async (users, user) =>
        {
            if (roles.Any(r => !Roles.All.Contains(r)))
            {
                throw new ArgumentException("Unknown role.", nameof(roles));
            }
            var current = await users.GetRolesAsync(user);
            // No one grants themselves a role: a second Admin has to (the change is theirs in the trail).
            if (roles.Except(current).Any() && user.Id == await actor.GetActorIdAsync())
            {
                await audit.RecordAsync(AuditActions.StaffRolesChanged, targetType: "staff", targetId: user.Id,
                    detail: new { refused = "self-grant", added = roles.Except(current) }, cancellationToken: cancellationToken);
                return Refused(StaffChange.SelfGrant);
            }
            if (current.Contains(Roles.Admin) && !roles.Contains(Roles.Admin) && await IsLastActiveAdminAsync(user.Id, cancellationToken))
            {
                return Refused(StaffChange.LastAdmin);
            }
            if (!twoFactor.IsRequiredFor(current) && twoFactor.IsRequiredFor(roles))
            {
                user.TwoFactorDueUtc = twoFactor.GraceEndsFromNow();
            }
            var removed = current.Except(roles).ToList();
            var added = roles.Except(current).ToList();
            await users.RemoveFromRolesAsync(user, removed);
            await users.AddToRolesAsync(user, added);
            return (StaffChange.Done, AuditActions.StaffRolesChanged, new { added, removed });
        }, cancellationToken);

    public Task<StaffChange> SetActiveAsync(string id, bool active, string concurrencyStamp, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, concurrencyStamp, async (users, user) =>
        {
            if (!active && await users.IsInRoleAsync(user, Roles.Admin) && await IsLastActiveAdminAsync(user.Id, cancellationToken))
            {
                return Refused(StaffChange.LastAdmin);
            }
            user.IsActive = active;
            return (StaffChange.Done, active ? AuditActions.StaffEnabled : AuditActions.StaffDisabled, null);
        }, cancellationToken);

    /// <summary>For a lost phone: the next sign-in is by password only and must enrol a new authenticator at once.</summary>
    public Task<StaffChange> ResetTwoFactorAsync(string id, string concurrencyStamp, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, concurrencyStamp, async (users, user) =>
        {
            user.TwoFactorEnabled = false;
            user.TwoFactorDueUtc = time.GetUtcNow().UtcDateTime;
            await users.ResetAuthenticatorKeyAsync(user);
            return (StaffChange.Done, AuditActions.TwoFactorReset, null);
        }, cancellationToken);

    /// <summary>
    /// A one-time code the person needs to set up an authenticator after the grace period (given in person, valid 24 h):
    /// returned once, stored only as a hash, audited.
    /// </summary>
    public async Task<(StaffChange Change, string? Code)> IssueEnrolmentCodeAsync(string id, string concurrencyStamp, CancellationToken cancellationToken = default)
    {
        var code = TwoFactorRules.NewEnrolmentCode();
        var change = await ChangeAsync(id, concurrencyStamp, (users, user) =>
        {
            if (user.TwoFactorEnabled)
            {
                return Task.FromResult(Refused(StaffChange.AlreadyEnrolled));
            }
            user.EnrolmentCodeHash = TwoFactorRules.HashEnrolmentCode(code);
            user.EnrolmentCodeExpiresUtc = time.GetUtcNow().UtcDateTime.Add(TwoFactorRules.EnrolmentCodeLifetime);
            return Task.FromResult<(StaffChange, string, object?)>((StaffChange.Done, AuditActions.EnrolmentCodeIssued, new { expires = user.EnrolmentCodeExpiresUtc }));
        }, cancellationToken);
        return (change, change == StaffChange.Done ? code : null);
    }

    public Task<StaffChange> UnlockAsync(string id, string concurrencyStamp, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, concurrencyStamp, async (users, user) =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return (StaffChange.Done, AuditActions.StaffUnlocked, null);
        }, cancellationToken);

    private static (StaffChange, string, object?) Refused(StaffChange reason) => (reason, "", null);

    private async Task<StaffChange> ChangeAsync(string id, string concurrencyStamp,
        Func<UserManager<StaffUser>, StaffUser, Task<(StaffChange Outcome, string Action, object? Detail)>> change, CancellationToken cancellationToken)
    {
        await access.RequireAsync(Policies.Admin, "staff.change");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return StaffChange.NotFound;
        }
        if (user.ConcurrencyStamp != concurrencyStamp)
        {
            return StaffChange.Conflict;
        }
        var (outcome, action, detail) = await change(users, user);
        if (outcome != StaffChange.Done)
        {
            return outcome;
        }
        // Renewing the stamp ends the account's open sessions' old view of itself at the next revalidation.
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            return StaffChange.Conflict;
        }
        await audit.RecordAsync(action, targetType: "staff", targetId: user.Id, detail: detail, cancellationToken: cancellationToken);
        return StaffChange.Done;
    }

    private async Task<bool> IsLastActiveAdminAsync(string exceptId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var adminRoleId = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync(cancellationToken);
        return !await db.UserRoles.AnyAsync(ur => ur.RoleId == adminRoleId && ur.UserId != exceptId
            && db.Users.Any(u => u.Id == ur.UserId && u.IsActive), cancellationToken);
    }

    // Mainland mobile or landline, or an international number: digits with optional +, spaces and dashes.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9][0-9 \-]{5,19}$")]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();

    private static bool IsEmail(string value)
    {
        if (value.Length > 254 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }
        return MailAddress.TryCreate(value, out var address) && address.Address == value && address.Host.Contains('.', StringComparison.Ordinal);
    }
}
public sealed record StaffSummary(int Active, int TwoFactorMissing, int LockedOut, int Disabled);

public static class StaffSummaryQuery
{
    /// <summary>What an Admin should look at: accounts without the second factor their roles need, locked and disabled ones.</summary>
    public static async Task<StaffSummary> SummaryAsync(this IDbContextFactory<PortalDbContext> contexts, IEnumerable<string> rolesRequiringTwoFactor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var required = rolesRequiringTwoFactor.ToList();
        var active = await db.Users.CountAsync(u => u.IsActive, cancellationToken);
        var disabled = await db.Users.CountAsync(u => !u.IsActive, cancellationToken);
        var missing = await db.Users.CountAsync(u => u.IsActive && !u.TwoFactorEnabled
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && required.Contains(r.Name!))), cancellationToken);
        // SQLite cannot compare DateTimeOffset in SQL; the few accounts with a lockout end are compared here.
        var lockoutEnds = await db.Users.Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(cancellationToken);
        return new StaffSummary(active, missing, lockoutEnds.Count(e => e > now), disabled);
    }
}
