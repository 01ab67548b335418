using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.Cases.Retention;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.Incidents.Campaigns;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Security;

/// <summary>
/// Each privileged service operation checks its policy itself, so a page or endpoint that reuses the service without
/// declaring the policy still cannot run it. Called here as each role, in the real portal, outside any page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PrivilegedOperationTests
{
    private const long Missing = 999_999;

    private static readonly (string Name, string Policy, Func<IServiceProvider, Task> Run)[] Operations =
    [
        ("staff.change", Policies.Admin, s => s.GetRequiredService<StaffService>().SetRolesAsync("missing", [Roles.Auditor], "stamp")),
        ("subjects.reveal", Policies.SubjectLookup, s => s.GetRequiredService<SubjectDirectory>().RevealAsync(Missing, RevealReasons.VerifyCaller, "核实来电人身份")),
        ("exports.open", Policies.Compliance, s => s.GetRequiredService<ExportPackageService>().OpenAsync(Missing)),
        ("operations.start", Policies.Compliance, s => s.GetRequiredService<SubjectOperationService>().StartAsync(Missing, OperationKind.Export, "PR-2026-000001")),
        ("connectors.load-schema", Policies.SystemManage, s => s.GetRequiredService<ConnectorSettingsService>().LoadSchemaAsync((int)Missing, null, null)),
        ("connectors.save", Policies.SystemManage, s => s.GetRequiredService<ConnectorSettingsService>().SaveAsync(new ConnectorSettingsInput { SystemId = (int)Missing })),
        ("requests.decide", Policies.Compliance, s => s.GetRequiredService<RequestCaseService>().DecideAsync(Missing, 0, DecisionKind.Approve, [], null)),
        ("requests.refuse-many", Policies.Compliance, s => s.GetRequiredService<RequestCaseService>().RefuseManyAsync([Missing], RefusalReasons.All[0], "说明")),
        ("requests.fulfil", Policies.Compliance, s => s.GetRequiredService<RequestCaseService>().FulfilAsync(Missing)),
        ("requests.close", Policies.Compliance, s => s.GetRequiredService<RequestCaseService>().CloseAsync(Missing, 0, "已办结", null)),
        ("retention.save", Policies.Compliance, s => s.GetRequiredService<RetentionService>().SaveAsync(new RetentionRuleInput(null, (int)Missing, "t", 1, RetentionUnit.Days, null, null, 0))),
        ("retention.status", Policies.Compliance, s => s.GetRequiredService<RetentionService>().ActivateAsync(Missing, 0)),
        ("holds.place", Policies.Compliance, s => s.GetRequiredService<LegalHoldService>().PlaceAsync(new LegalHoldInput(LegalHoldScope.System, null, null, (int)Missing, null, [], null, null))),
        ("holds.release", Policies.Compliance, s => s.GetRequiredService<LegalHoldService>().ReleaseAsync(Missing, 0, "诉讼结束")),
        ("campaigns.approve", Policies.Compliance, s => s.GetRequiredService<CampaignService>().ApproveAsync(Missing, 0)),
        ("campaigns.start", Policies.Compliance, s => s.GetRequiredService<CampaignService>().StartAsync(Missing, 0)),
        ("campaigns.cancel", Policies.Compliance, s => s.GetRequiredService<CampaignService>().CancelAsync(Missing, 0)),
        ("breach-reports.submit", Policies.Compliance, s => s.GetRequiredService<BreachReportService>().SubmitAsync(Missing, 0, "网信办")),
        ("breach-duties.below-threshold", Policies.Compliance, s => s.GetRequiredService<BreachDutyService>().RecordBelowThresholdAsync(Missing, "未达报告标准的理由说明")),
        ("breach-duties.decide", Policies.Compliance, s => s.GetRequiredService<BreachDutyService>().DecideAsync(Missing, 0, true, null)),
        ("audit.export", Policies.AuditReview, s => s.GetRequiredService<AuditExportService>().ExportAsync(new AuditFilter(), AuditSort.Newest, AuditExportFormat.Csv, Stream.Null)),
    ];

    [Fact]
    public async Task Every_privileged_operation_refuses_each_role_its_policy_does_not_name_and_records_the_refusal()
    {
        await using var app = new PortalAppFactory();
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        var checkedCalls = 0;
        foreach (var role in Roles.All)
        {
            var (staffId, _) = await PortalHttp.CreateStaffAsync(app.Services, role);
            foreach (var (name, policy, run) in Operations)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var user = await SignedInAsync(scope.ServiceProvider, staffId);
                var allowed = (await authorization.AuthorizeAsync(user, policy)).Succeeded;
                var refusal = await Record.ExceptionAsync(() => run(scope.ServiceProvider)) as AccessRefusedException;

                Assert.True(allowed == (refusal is null), $"{name} as {role}: expected {(allowed ? "to run" : "a refusal")}.");
                if (refusal is not null)
                {
                    Assert.Equal(name, refusal.Operation);
                }
                checkedCalls++;
            }

            // Each refused call is in the audit trail as this staff member's denied attempt.
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var denied = await db.AuditEvents.Where(e => e.ActorId == staffId && e.Action == AuditActions.AuthorizationDenied && e.TargetType == "operation").CountAsync();
            var expected = 0;
            foreach (var (_, policy, _) in Operations)
            {
                await using var scope = app.Services.CreateAsyncScope();
                expected += (await authorization.AuthorizeAsync(await SignedInAsync(scope.ServiceProvider, staffId), policy)).Succeeded ? 0 : 1;
            }
            Assert.Equal(expected, denied);
        }
        Assert.Equal(Roles.All.Count * Operations.Length, checkedCalls);
    }

    [Fact]
    public async Task A_request_with_no_signed_in_user_is_refused_but_a_background_job_runs_as_the_system()
    {
        await using var app = new PortalAppFactory();
        var (_, policy, run) = Operations.Single(o => o.Name == "requests.decide");
        Assert.Equal(Policies.Compliance, policy);

        await using (var page = app.Services.CreateAsyncScope())
        {
            // A page of someone not signed in.
            var state = (IHostEnvironmentAuthenticationStateProvider)page.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
            state.SetAuthenticationState(Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()))));
            await Assert.ThrowsAsync<AccessRefusedException>(() => run(page.ServiceProvider));
        }

        // A job's scope has no page and no request: it acts as the system (the case is missing, so nothing changes).
        await using var job = app.Services.CreateAsyncScope();
        var (errors, change) = await job.ServiceProvider.GetRequiredService<RequestCaseService>().DecideAsync(Missing, 0, DecisionKind.Approve, [], null);
        Assert.Equal(CaseChange.NotFound, change);
        Assert.True(errors.IsValid);
    }

    /// <summary>The scope's user as the portal builds it at sign-in (roles and the two-factor claim).</summary>
    private static async Task<System.Security.Claims.ClaimsPrincipal> SignedInAsync(IServiceProvider services, string staffId)
    {
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(staffId) ?? throw new InvalidOperationException("No such staff member.");
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user);
        var state = (IHostEnvironmentAuthenticationStateProvider)services.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return principal;
    }
}
