using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyPortal.Security;

/// <summary>A staff account. Identity's ConcurrencyStamp guards concurrent edits.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in and its open sessions end at the next revalidation.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When two-factor becomes mandatory for this account, if its roles require it.</summary>
    public DateTime? TwoFactorDueUtc { get; set; }

    public DateTime? LastSignInUtc { get; set; }

    /// <summary>
    /// SHA-256 of the one-time enrolment code an Admin issued: past the grace period, setting up an authenticator needs
    /// it, so a password alone never enrols one. Cleared when used.
    /// </summary>
    public string? EnrolmentCodeHash { get; set; }

    public DateTime? EnrolmentCodeExpiresUtc { get; set; }

    /// <summary>Set when a valid enrolment code was entered: the authenticator may be set up until then.</summary>
    public DateTime? EnrolmentAllowedUntilUtc { get; set; }
}

public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(64).IsRequired();
        e.Property(x => x.EnrolmentCodeHash).HasMaxLength(64).IsUnicode(false);
    }
}
