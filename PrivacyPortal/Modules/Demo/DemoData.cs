using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Setup;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Security;

namespace PrivacyPortal.Modules.Demo;

/// <summary>One part of the demo data (staff, deadlines, inventory...); the Demo module registers each.</summary>
public interface IDemoDataContributor
{
    /// <summary>Lower runs first (staff before the cases they work on).</summary>
    int Order { get; }

    Task ContributeAsync(DemoDataContext context, CancellationToken cancellationToken);
}

public sealed record DemoDataContext(string AdminId, string Password, Random Random);

/// <summary>
/// Fills a development portal with realistic generated data at first-run setup. Demo data exists only in the
/// Development environment: never in Production, so never with a known password there.
/// </summary>
public sealed class DemoDataService(IEnumerable<IDemoDataContributor> contributors, IHostEnvironment environment, IConfiguration configuration, AuditTrail audit)
    : IDemoDataGenerator
{
    public string Password => configuration["DemoData:Password"] ?? "";

    public async Task GenerateAsync(string adminId, CancellationToken cancellationToken = default)
    {
        if (!environment.IsDevelopment() || Password.Length < 12)
        {
            throw new InvalidOperationException("Demo data is available only in the Development environment, with DemoData:Password of at least 12 characters.");
        }
        // A fixed seed: every newcomer sees the same portal.
        var context = new DemoDataContext(adminId, Password, new Random(20261127));
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            await contributor.ContributeAsync(context, cancellationToken);
        }
        await audit.RecordAsync(AuditActions.DemoDataGenerated, actorId: adminId, cancellationToken: cancellationToken);
    }
}

/// <summary>One colleague per role, with generated names and addresses on a reserved domain.</summary>
internal sealed class StaffDemoData(StaffService staff) : IDemoDataContributor
{
    private static readonly (string Name, string Email, string Role)[] People =
    [
        ("周晓明", "compliance@demo.privacy-portal.test", Roles.ComplianceOfficer),
        // A second officer, so two-person approvals (campaigns, "notice not needed") can be shown.
        ("吴婷", "compliance2@demo.privacy-portal.test", Roles.ComplianceOfficer),
        ("陈雨萱", "hotline@demo.privacy-portal.test", Roles.CustomerService),
        ("刘建国", "hotline2@demo.privacy-portal.test", Roles.CustomerService),
        ("孙慧敏", "audit@demo.privacy-portal.test", Roles.Auditor),
        ("赵磊", "it@demo.privacy-portal.test", Roles.Admin),
    ];

    public int Order => 0;

    public async Task ContributeAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        foreach (var (name, email, role) in People)
        {
            await staff.CreateAsync(new NewStaffAccount
            {
                DisplayName = name,
                Email = email,
                Password = context.Password,
                ConfirmPassword = context.Password,
                Roles = [role],
            }, cancellationToken);
        }
    }
}
