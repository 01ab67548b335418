using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Staff;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Security;

/// <summary>The findings of the web security review (issue 15), each as the behaviour that closes it.</summary>
[Collection(AppCollection.Name)]
public sealed partial class WebHardeningTests
{
    private static HttpClient KestrelClient(PortalAppFactory app, string? forwardedFor = null, string? forwardedProto = null, string? host = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = new Uri(app.ServerAddress),
        };
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }
        if (host is not null)
        {
            client.DefaultRequestHeaders.Host = host;
        }
        return client;
    }

    private static async Task<List<AuditEvent>> EventsAsync(PortalAppFactory app, string action)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var match = SignInError().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"No sign-in message ({(int)response.StatusCode}).");
        return match.Groups[1].Value;
    }

    // --- 1. Forwarded headers ---

    [Fact]
    public async Task Without_a_configured_proxy_a_forwarded_address_is_not_believed_by_the_trail_or_the_delivery_limit()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?> { ["Requests:Verification:DeliveryRequestsPerMinute"] = "3" });
        app.StartRealServer();
        await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);

        await PortalHttp.SignInAsync(KestrelClient(app, forwardedFor: "203.0.113.7"), "nobody@portal.test", "a wrong password here");
        var failed = Assert.Single(await EventsAsync(app, AuditActions.SignInFailed));
        Assert.NotEqual("203.0.113.7", failed.ClientIp);
        Assert.Equal("127.0.0.1", failed.ClientIp);

        // A new made-up address on every request does not buy new attempts at the codes.
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 5; i++)
        {
            statuses.Add((await KestrelClient(app, forwardedFor: $"198.51.100.{i}").GetAsync("/delivery/some-link")).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Https_from_an_unknown_sender_does_not_switch_on_hsts_but_from_the_configured_proxy_it_does_for_a_year()
    {
        await using (var open = new PortalAppFactory(environment: "Production", settings: PortalAppFactory.ProductionSettings()))
        {
            open.StartRealServer();
            await PortalHttp.CreateStaffAsync(open.Services, Roles.Admin);
            var spoofed = await KestrelClient(open, "203.0.113.7", "https", "portal.example.test").GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
            Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));
            Assert.DoesNotContain(spoofed.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        }

        await using var proxied = new PortalAppFactory(environment: "Production", settings: PortalAppFactory.ProductionSettings(("Hosting:KnownProxies:0", "127.0.0.1")));
        proxied.StartRealServer();
        await PortalHttp.CreateStaffAsync(proxied.Services, Roles.Admin);
        var response = await KestrelClient(proxied, "203.0.113.7", "https", "portal.example.test").GetAsync("/account/login");
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        // Over HTTPS the anti-forgery cookie is Secure.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        await PortalHttp.SignInAsync(KestrelClient(proxied, "203.0.113.7"), "nobody@portal.test", "a wrong password here");
        Assert.Equal("203.0.113.7", Assert.Single(await EventsAsync(proxied, AuditActions.SignInFailed)).ClientIp);
    }

    [Fact]
    public async Task Outside_production_there_is_no_hsts_even_behind_the_proxy()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?> { ["Hosting:KnownProxies:0"] = "127.0.0.1" });
        app.StartRealServer();
        await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);
        var response = await KestrelClient(app, "203.0.113.7", "https", "portal.example.test").GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    // --- 2. Security headers on every kind of response ---

    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers_and_no_server_header()
    {
        await using var plain = new PortalAppFactory();
        await using var app = plain.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, FailingPathFilter>()));
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = new Uri(address) };
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);
        var admin = Client();
        await PortalHttp.SignInAsync(admin, email);
        var anonymous = Client();

        var responses = new (string Kind, HttpResponseMessage Response)[]
        {
            ("sign-in page", await anonymous.GetAsync("/account/login")),
            ("interactive page", await admin.GetAsync("/")),
            ("redirect", await anonymous.GetAsync("/")),
            ("static file", await anonymous.GetAsync("/css/app.css")),
            ("framework script", await anonymous.GetAsync("/_framework/blazor.web.js")),
            ("download", await admin.GetAsync("/audit/public-key")),
            ("jobs dashboard", await admin.GetAsync("/jobs")),
            ("health probe", await anonymous.GetAsync("/healthz")),
            ("not found", await admin.GetAsync("/no/such/page")),
            ("error", await admin.GetAsync(FailingPathFilter.Path)),
        };

        Assert.Equal(HttpStatusCode.OK, responses[0].Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses[5].Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses[6].Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, responses[8].Response.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, responses[9].Response.StatusCode);
        Assert.All(responses, r =>
        {
            var headers = r.Response.Headers;
            string Header(string name) => headers.TryGetValues(name, out var values) ? string.Join(",", values) : $"(no {name} on the {r.Kind})";
            var csp = Header("Content-Security-Policy");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Header("X-Content-Type-Options"));
            Assert.Equal("DENY", Header("X-Frame-Options"));
            Assert.Equal("no-referrer", Header("Referrer-Policy"));
            Assert.Contains("camera=()", Header("Permissions-Policy"), StringComparison.Ordinal);
            Assert.Contains("microphone=()", Header("Permissions-Policy"), StringComparison.Ordinal);
            Assert.Contains("geolocation=()", Header("Permissions-Policy"), StringComparison.Ordinal);
            Assert.False(headers.Contains("Server"), $"The {r.Kind} names the server.");
        });
    }

    /// <summary>A request the portal fails on, after its own pipeline: the error page it answers with is checked.</summary>
    private sealed class FailingPathFilter : IStartupFilter
    {
        public const string Path = "/test-only/failure";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(Fail);
        };

        private static Task Fail(HttpContext context)
        {
            if (context.Request.Path == Path)
            {
                throw new InvalidOperationException("A failure the test asked for.");
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
    }

    // --- 3. Return addresses ---

    public static TheoryData<string> ForeignReturnUrls =>
        ["https://evil.example/", "//evil.example/", "/\\evil.example/", "/\t/evil.example/", "/\n/evil.example", "javascript:alert(1)", "http:evil.example", "\\\\evil.example"];

    [Theory]
    [MemberData(nameof(ForeignReturnUrls))]
    public async Task Sign_in_with_a_foreign_return_address_goes_home(string returnUrl)
    {
        await using var app = new PortalAppFactory();
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var client = PortalHttp.Client(app);

        var response = await PortalHttp.PostFormAsync(client, "/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = PortalHttp.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PortalHttp.PathOf(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_still_returns_to_a_local_page()
    {
        await using var app = new PortalAppFactory();
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var response = await PortalHttp.PostFormAsync(PortalHttp.Client(app), "/account/login?ReturnUrl=" + Uri.EscapeDataString("/audit?from=2026-01-01"), "signin",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = PortalHttp.Password });
        Assert.Equal("/audit?from=2026-01-01", PortalHttp.PathOf(response));
    }

    [Theory]
    [MemberData(nameof(ForeignReturnUrls))]
    public async Task Switching_language_with_a_foreign_return_address_goes_home(string returnUrl)
    {
        await using var app = new PortalAppFactory();
        var response = await PortalHttp.Client(app).GetAsync("/culture?name=en&returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PortalHttp.PathOf(response));
    }

    // --- 4. The delivery page ---

    [Theory]
    [InlineData("?left=abc")]
    [InlineData("?left=99999999999999999999")]
    [InlineData("?r=WrongCode&left=-1")]
    [InlineData("?left=1%2C5")]
    public async Task A_delivery_link_with_a_bad_query_is_a_bad_request_on_the_normal_page_and_its_token_is_never_logged(string query)
    {
        await using var app = new PortalAppFactory();
        await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);
        var token = "tok" + Guid.NewGuid().ToString("N");

        var response = await PortalHttp.Client(app).GetAsync($"/delivery/{token}{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"delivery-message\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await WaitForLogAsync(app, "/delivery/(link)");
        Assert.DoesNotContain(app.LogLines(), l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_token_of_a_delivery_link_never_reaches_the_log_whatever_is_asked_of_it()
    {
        await using var app = new PortalAppFactory();
        await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);
        var token = "tok" + Guid.NewGuid().ToString("N");
        var client = PortalHttp.Client(app);

        var refusedPost = await client.PostAsync($"/delivery/{token}/download", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "123456" }));
        var wrongMethod = await client.GetAsync($"/delivery/{token}/download");
        var page = await client.GetAsync($"/delivery/{token}?r=WrongCode&left=2");

        Assert.Equal(HttpStatusCode.BadRequest, refusedPost.StatusCode);
        Assert.InRange((int)wrongMethod.StatusCode, 300, 499);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await WaitForLogAsync(app, "HTTP GET /delivery/(link) responded 200");
        Assert.DoesNotContain(app.LogLines(), l => l.Contains(token, StringComparison.Ordinal));
    }

    private static async Task WaitForLogAsync(PortalAppFactory app, string text)
    {
        for (var i = 0; i < 50 && !app.LogLines().Any(l => l.Contains(text, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }
        Assert.Contains(app.LogLines(), l => l.Contains(text, StringComparison.Ordinal));
    }

    // --- 5. No state change on GET ---

    [Fact]
    public async Task A_checkpoint_is_signed_only_by_a_post_with_the_anti_forgery_token()
    {
        await using var app = new PortalAppFactory();
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);

        var get = await client.GetAsync("/audit/checkpoints/latest");
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
        var withoutToken = await client.PostAsync("/audit/checkpoints/latest", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Empty(await EventsAsync(app, AuditActions.CheckpointSigned));

        // The integrity page's button posts its form with the token.
        var page = await (await client.GetAsync("/audit/integrity")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(AntiForgery().Match(page).Groups[1].Value);
        Assert.NotEmpty(token);
        var signed = await client.PostAsync("/audit/checkpoints/latest", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("application/json", signed.Content.Headers.ContentType?.MediaType);
        Assert.Single(await EventsAsync(app, AuditActions.CheckpointSigned));
    }

    [Fact]
    public async Task Opening_the_security_page_changes_nothing_and_setting_up_two_factor_is_a_post()
    {
        await using var app = new PortalAppFactory();
        var (id, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.ComplianceOfficer);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);
        var other = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(other, email);
        var stamp = await StampAsync();

        var page = await (await client.GetAsync("/account/security")).Content.ReadAsStringAsync();
        await client.GetAsync("/account/security");

        Assert.Equal(stamp, await StampAsync());
        Assert.Contains("data-testid=\"start-2fa\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"shared-key\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);

        var started = await (await PortalHttp.PostFormAsync(client, "/account/security", "start-2fa", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"shared-key\"", started, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"qr-code\"", started, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        async Task<string?> StampAsync()
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            return await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync();
        }
    }

    // --- 6. Sign-in ---

    [Fact]
    public async Task Every_failed_sign_in_without_the_password_gets_the_same_answer_after_one_password_check()
    {
        await using var plain = new PortalAppFactory();
        await using var app = plain.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<StaffUser>, CountingHasher>()));
        var (_, known) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var (disabledId, disabled) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var (lockedId, locked) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
            var row = (await staff.QueryAsync(new(disabled, 0, 10))).Items.Single();
            Assert.Equal(StaffChange.Done, await staff.SetActiveAsync(disabledId, false, row.ConcurrencyStamp));
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(lockedId))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        HttpClient Client() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var answers = new Dictionary<string, string>();
        foreach (var (kind, email) in new[] { ("unknown", "nobody.here@portal.test"), ("wrong", known), ("disabled", disabled), ("locked", locked) })
        {
            CountingHasher.Checks = 0;
            var response = await PortalHttp.SignInAsync(Client(), email, "not the right password");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers[kind] = await MessageAsync(response);
            Assert.True(CountingHasher.Checks >= 1, $"{kind}: no password check, so it answers faster than a wrong password.");
        }
        Assert.Single(answers.Values.Distinct());

        // Only whoever knows the password learns that the account is disabled or locked.
        Assert.NotEqual(answers["unknown"], await MessageAsync(await PortalHttp.SignInAsync(Client(), disabled)));
        Assert.Equal("/account/lockout", PortalHttp.PathOf(await PortalHttp.SignInAsync(Client(), locked)));
    }

    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private static readonly PasswordHasher<StaffUser> Inner = new();

        public static int Checks;

        public string HashPassword(StaffUser user, string password) => Inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Checks);
            return Inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Failed_sign_ins_from_one_address_are_throttled_and_the_burst_is_audited_once()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?> { ["Security:SignIn:FailuresPerAddress"] = "3" });
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, Roles.Auditor);
        var client = PortalHttp.Client(app);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await PortalHttp.SignInAsync(client, $"guess{i}@portal.test", "not the right password")).StatusCode);
        }
        // Even the right password waits for the window to end.
        var right = await PortalHttp.SignInAsync(PortalHttp.Client(app), email);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(3, (await EventsAsync(app, AuditActions.SignInFailed)).Count);
        var throttled = Assert.Single(await EventsAsync(app, AuditActions.SignInThrottled));
        Assert.Contains("address", throttled.Detail, StringComparison.Ordinal);
        Assert.Empty(await EventsAsync(app, AuditActions.SignInSucceeded));
    }

    [Fact]
    public async Task Failed_sign_ins_for_one_account_are_throttled_whichever_address_they_come_from()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?> { ["Security:SignIn:FailuresPerAccount"] = "2" });
        app.StartRealServer();
        await PortalHttp.CreateStaffAsync(app.Services, Roles.Admin);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await PortalHttp.SignInAsync(KestrelClient(app), "Someone@Portal.test", "not the right password " + i)).StatusCode);
        }
        var otherAccount = await PortalHttp.SignInAsync(KestrelClient(app), "someone.else@portal.test", "not the right password");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
        Assert.Contains("account", Assert.Single(await EventsAsync(app, AuditActions.SignInThrottled)).Detail, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-testid=\"signin-error\">([^<]*)<")]
    private static partial Regex SignInError();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();
}
