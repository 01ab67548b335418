using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Web;

/// <summary>
/// Two portal instances on one database, as behind a load balancer (on SQL Server in production; here on one SQLite file
/// that is shared on purpose), and the refusal of a second instance on an embedded database that is not.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MultiInstanceTests
{
    private static readonly Dictionary<string, string?> Shared = new() { ["Database:AllowSharedSqlite"] = "true" };

    [Fact]
    public async Task A_second_instance_on_the_same_embedded_database_refuses_to_start_and_says_why()
    {
        await using var first = new PortalAppFactory();
        _ = first.CreateClient();
        await using var second = new PortalAppFactory(first.DatabasePath);

        var refused = Assert.Throws<InvalidOperationException>(() => second.CreateClient());

        Assert.Contains("Another Privacy Portal instance is already running on the embedded database", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SQL Server", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PortalHttp.Client(first).GetAsync("/healthz")).StatusCode);

        // Once the first has stopped, the lock is free again.
        await first.DisposeAsync();
        using (new FileStream(first.DatabasePath + ".instance-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
        {
        }
    }

    [Fact]
    public async Task Each_instance_accepts_the_sign_in_cookie_the_other_issued()
    {
        await using var first = new PortalAppFactory(settings: Shared);
        await using var second = new PortalAppFactory(first.DatabasePath, settings: Shared);
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
        await using var first = new PortalAppFactory(settings: Shared);
        await using var second = new PortalAppFactory(first.DatabasePath, settings: Shared);
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
