using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Web;

/// <summary>Two portal instances on one database, as behind a load balancer.</summary>
[Collection(AppCollection.Name)]
public sealed class MultiInstanceTests
{
    [Fact]
    public async Task Each_instance_accepts_the_sign_in_cookie_the_other_issued()
    {
        await using var first = new PortalAppFactory();
        await using var second = new PortalAppFactory(first.DatabasePath);
        var firstClient = PortalHttp.Client(first);
        var secondClient = PortalHttp.Client(second);
        var (_, email) = await PortalHttp.CreateStaffAsync(first.Services, Roles.Auditor);
        // Both serve pages (and so load, or each create, their data-protection keys) before anyone signs in.
        var pages = await Task.WhenAll(firstClient.GetAsync("/account/login"), secondClient.GetAsync("/account/login"));
        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));

        var signIn = await PortalHttp.SignInAsync(firstClient, email);
        var cookies = signIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith(".PrivacyPortal.Auth", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(cookies);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var response = await second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_daily_verification_runs_once_when_both_instances_fire_it()
    {
        await using var first = new PortalAppFactory();
        await using var second = new PortalAppFactory(first.DatabasePath);
        await PortalHttp.CreateStaffAsync(first.Services, Roles.Admin);

        async Task<AuditVerificationResult?> RunOn(PortalAppFactory instance)
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AuditVerificationJob>().RunAsync(CancellationToken.None);
        }
        var results = await Task.WhenAll(RunOn(first), RunOn(second), RunOn(first), RunOn(second));

        Assert.Single(results, r => r is not null);
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var verified = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.ChainVerified);
        Assert.Equal(AuditActors.System, verified.ActorId);
        Assert.Equal(AuditOutcome.Success, verified.Outcome);
    }
}
