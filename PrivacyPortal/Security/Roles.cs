namespace PrivacyPortal.Security;

public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string ComplianceOfficer = nameof(ComplianceOfficer);
    public const string CustomerService = nameof(CustomerService);
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All = [Admin, ComplianceOfficer, CustomerService, Auditor];
}
