using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Web;

[Collection(AppCollection.Name)]
public sealed class SetupTests
{
    private static Dictionary<string, string> Form(string name, string email, string password, string confirm) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm,
    };

    [Fact]
    public async Task Every_page_leads_to_setup_until_the_first_admin_exists_then_setup_is_gone()
    {
        await using var app = new PortalAppFactory();
        var client = PortalHttp.Client(app);

        var home = await client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", home.Headers.Location?.OriginalString);

        var done = await PortalHttp.PostFormAsync(client, "/setup", "setup", Form("首位管理员", "first.admin@portal.test", PortalHttp.Password, PortalHttp.Password));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        // Signed in as the new Admin: home answers.
        var dashboard = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        // Setup no longer exists, for the signed-in Admin and for anyone else.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PortalHttp.Client(app).GetAsync("/setup")).StatusCode);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        var setup = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.SetupCompleted);
        Assert.Equal(await db.Users.Select(u => u.Id).SingleAsync(), setup.ActorId);
        Assert.Contains(app.LogLines(), l => l.Contains("HTTP GET /setup responded 404", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "ok@portal.test", PortalHttp.Password, PortalHttp.Password, "DisplayName")]
    [InlineData("管理员", "not-an-email", PortalHttp.Password, PortalHttp.Password, "Email")]
    [InlineData("管理员", "ok@portal.test", "short-pass", "short-pass", "Password")]
    [InlineData("管理员", "ok@portal.test", PortalHttp.Password, "something else entirely", "ConfirmPassword")]
    public async Task Bad_setup_input_shows_a_message_at_the_field_and_saves_nothing(string name, string email, string password, string confirm, string field)
    {
        await using var app = new PortalAppFactory();
        var client = PortalHttp.Client(app);

        var response = await PortalHttp.PostFormAsync(client, "/setup", "setup", Form(name, email, password, confirm));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"data-testid=\"error-{field}\"", html, StringComparison.Ordinal);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Users.CountAsync());
    }
}
