using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PrivacyPortal.Tests.Security;

public sealed class PageAuthorizationTests
{
    private static readonly string[] AnonymousPages =
        ["LoginPage", "LoginWithTwoFactorPage", "LoginWithRecoveryCodePage", "LockoutPage", "SetupPage", "NotFoundPage", "ErrorPage", "NoticesPage", "DeliveryPage"];

    private static IEnumerable<Type> Pages() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void Every_page_declares_a_policy_from_the_policies_file_or_is_one_of_the_few_anonymous_pages()
    {
        var policies = typeof(Policies).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var problems = new List<string>();
        foreach (var page in Pages())
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            if (anonymous != AnonymousPages.Contains(page.Name))
            {
                problems.Add($"{page.Name}: anonymous={anonymous}");
            }
            if (!anonymous && (policy is null || !policies.Contains(policy)))
            {
                problems.Add($"{page.Name}: policy '{policy}'");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Routable_components_are_named_page()
    {
        Assert.All(Pages(), p => Assert.EndsWith("Page", p.Name, StringComparison.Ordinal));
    }
}

/// <summary>
/// Every route the portal maps, asked for by an anonymous visitor and by each role, gets the answer the README's
/// role table promises; every route that takes a POST refuses one without an anti-forgery token.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RouteAccessTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Who may open what, written out from the README rather than read back from Policies.cs.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Policies.SignedIn] = [.. Roles.All],
        [Policies.AnyStaff] = [.. Roles.All],
        [Policies.Admin] = [Roles.Admin],
        [Policies.Compliance] = [Roles.ComplianceOfficer],
        [Policies.AuditReview] = [Roles.Auditor, Roles.ComplianceOfficer, Roles.Admin],
        [Policies.SubjectLookup] = [Roles.CustomerService, Roles.ComplianceOfficer, Roles.Auditor],
        [Policies.RequestIntake] = [Roles.CustomerService, Roles.ComplianceOfficer],
        [Policies.InventoryRead] = [Roles.ComplianceOfficer, Roles.Auditor, Roles.Admin],
        [Policies.RequestReview] = [Roles.ComplianceOfficer, Roles.Auditor],
        [Policies.SystemManage] = [Roles.ComplianceOfficer, Roles.Admin],
    };

    private readonly PortalAppFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    /// <summary>The portal's own routes: not the static files, and not the Blazor circuit's SignalR hub.</summary>
    private List<RouteEndpoint> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal))
            .ToList();

    private static IReadOnlyList<string> Methods(RouteEndpoint e) => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];

    /// <summary>A path for the pattern: numbers for ids, a word for the rest (the record does not exist; the door is what is tested).</summary>
    private static string SamplePath(RouteEndpoint e)
    {
        var parts = e.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "",
            RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content is "long" or "int" or "guid") =>
                p.ParameterPolicies.Any(x => x.Content == "guid") ? Guid.Empty.ToString() : "999999",
            RoutePatternParameterPart p when p.Name == "format" => "csv",
            _ => "sample",
        })));
        return "/" + string.Join('/', parts).TrimEnd('/');
    }

    private static (bool Anonymous, string[] Roles) Access(RouteEndpoint e)
    {
        if (e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return (true, [.. Roles.All]);
        }
        var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        // No policy: the fallback policy, any signed-in account.
        return (false, policies.Aggregate(Roles.All.ToArray(), (roles, policy) => roles.Intersect(Allowed[policy]).ToArray()));
    }

    [Fact]
    public async Task Every_route_answers_anonymous_visitors_and_each_role_as_the_role_table_says()
    {
        await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin); // setup is done: /setup is closed
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = PortalHttp.Client(app) };
        foreach (var role in Roles.All)
        {
            var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, role);
            clients[role] = PortalHttp.Client(app);
            Assert.Equal(HttpStatusCode.Redirect, (await PortalHttp.SignInAsync(clients[role], email)).StatusCode);
        }

        var problems = new List<string>();
        var routes = Routes().Where(e => Methods(e).Contains("GET")).ToList();
        Assert.True(routes.Count > 40, $"Only {routes.Count} GET routes found.");
        foreach (var route in routes.OrderBy(r => r.RoutePattern.RawText))
        {
            var path = SamplePath(route);
            var (anonymous, roles) = Access(route);
            foreach (var (who, client) in clients)
            {
                var response = await client.GetAsync(path);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.ToString() ?? "";
                var toSignIn = status == 302 && location.Contains("/account/login", StringComparison.Ordinal);
                var denied = status == 302 && location.Contains("/account/access-denied", StringComparison.Ordinal);
                var expected = who == "anonymous"
                    ? (anonymous ? "open" : "sign-in")
                    : (roles.Contains(who) ? "open" : "denied");
                // An anonymous step of signing in (two-factor, recovery code) sends a visitor without a pending
                // sign-in back to its first step: still open, not refused.
                var actual = status >= 500 ? $"{status}" : toSignIn && !anonymous ? "sign-in" : denied ? "denied" : "open";
                output.WriteLine($"{path} {who}: {status} {location}");
                if (actual != expected)
                {
                    problems.Add($"{path} as {who}: {actual} ({status} {location}), expected {expected}");
                }
            }
        }
        output.WriteLine(string.Join("\n", problems));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Every_route_that_takes_a_post_refuses_one_without_an_anti_forgery_token()
    {
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, [.. Roles.All]);
        var client = PortalHttp.Client(app);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalHttp.SignInAsync(client, email)).StatusCode);

        var problems = new List<string>();
        var routes = Routes().Where(e => Methods(e).Contains("POST")).ToList();
        Assert.Contains(routes, r => SamplePath(r) == "/account/logout");
        foreach (var route in routes.OrderBy(r => r.RoutePattern.RawText))
        {
            var path = SamplePath(route);
            var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "any" }));
            output.WriteLine($"POST {path}: {(int)response.StatusCode}");
            // 400: the token is missing; 403: the jobs dashboard's own check; 404/405: a route that takes no form
            // (the health probe) or a closed one (setup).
            if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
            {
                problems.Add($"POST {path}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(problems);
        // A post to no route at all is a plain not-found, not a failing error page.
        var nowhere = await client.PostAsync("/no/such/page", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }));
        Assert.True(nowhere.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)nowhere.StatusCode}");
        Assert.Contains("data-testid=\"not-found\"", await nowhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Still signed in: the refused logout did nothing.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
