using Microsoft.AspNetCore.Authorization;

namespace PrivacyPortal.Security;

/// <summary>
/// Every authorization policy of the portal, in one place. Pages declare <c>[Authorize(Policy = ...)]</c>; an
/// endpoint that declares nothing still requires a signed-in user (the fallback policy). Every policy but
/// <see cref="SignedIn"/> also requires two-factor sign-in once it is due for the user's roles.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in account: its own security settings, even before two-factor is set up.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Any staff member with a role: the home page.</summary>
    public const string AnyStaff = nameof(AnyStaff);

    /// <summary>IT: staff accounts, health, the jobs dashboard.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>Compliance work: deadlines and calendars, notification templates and the outbox.</summary>
    public const string Compliance = nameof(Compliance);

    /// <summary>Reading the audit trail and running its verifier.</summary>
    public const string AuditReview = nameof(AuditReview);

    /// <summary>Finding a person in the subject directory: hotline agents during a call, compliance, audit.</summary>
    public const string SubjectLookup = nameof(SubjectLookup);

    /// <summary>Taking requests from people: hotline agents during a call, and compliance officers.</summary>
    public const string RequestIntake = nameof(RequestIntake);

    /// <summary>Reading the inventory (systems, recipients, purposes, disclosures): everyone who works with the data.</summary>
    public const string InventoryRead = nameof(InventoryRead);

    /// <summary>Reading a request case: compliance officers decide it, auditors review it.</summary>
    public const string RequestReview = nameof(RequestReview);

    /// <summary>Registering systems and their connectors (SPEC: compliance officers, and IT for connectors).</summary>
    public const string SystemManage = nameof(SystemManage);

    public static void Add(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(AnyStaff, p => Staff(p, Roles.All.ToArray()));
        options.AddPolicy(Admin, p => Staff(p, Roles.Admin));
        options.AddPolicy(Compliance, p => Staff(p, Roles.ComplianceOfficer));
        options.AddPolicy(AuditReview, p => Staff(p, Roles.Auditor, Roles.ComplianceOfficer, Roles.Admin));
        options.AddPolicy(SubjectLookup, p => Staff(p, Roles.CustomerService, Roles.ComplianceOfficer, Roles.Auditor));
        options.AddPolicy(RequestIntake, p => Staff(p, Roles.CustomerService, Roles.ComplianceOfficer));
        options.AddPolicy(InventoryRead, p => Staff(p, Roles.ComplianceOfficer, Roles.Auditor, Roles.Admin));
        options.AddPolicy(RequestReview, p => Staff(p, Roles.ComplianceOfficer, Roles.Auditor));
        options.AddPolicy(SystemManage, p => Staff(p, Roles.ComplianceOfficer, Roles.Admin));
    }

    private static void Staff(AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.RequireAuthenticatedUser().RequireRole(roles).AddRequirements(TwoFactorRequirement.Instance);
}
