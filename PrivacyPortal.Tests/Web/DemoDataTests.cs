using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Web;

[Collection(AppCollection.Name)]
public sealed class DemoDataTests
{
    private static Dictionary<string, string> Setup(bool demo) => new()
    {
        ["Input.DisplayName"] = "首位管理员",
        ["Input.Email"] = "first.admin@portal.test",
        ["Input.Password"] = PortalHttp.Password,
        ["Input.ConfirmPassword"] = PortalHttp.Password,
        ["Input.GenerateDemoData"] = demo ? "true" : "false",
    };

    [Fact]
    public async Task In_development_setup_can_fill_the_portal_with_demo_colleagues_and_clocks_done_by_the_new_admin()
    {
        await using var app = new PortalAppFactory(environment: "Development");
        await PortalHttp.PostFormAsync(PortalHttp.Client(app), "/setup", "setup", Setup(demo: true));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var admin = await db.Users.SingleAsync(u => u.Email == "first.admin@portal.test");
        Assert.Equal(7, await db.Users.CountAsync());
        Assert.True(await db.Set<Clock>().CountAsync() >= 5);
        Assert.All(await db.AuditEvents.Where(e => e.Action == "clock.started").ToListAsync(), e => Assert.Equal(admin.Id, e.ActorId));
        // Demo incidents are recorded by the demo compliance officer, each with the duties it carries from registration.
        var officer = await db.Users.SingleAsync(u => u.Email == "compliance@demo.privacy-portal.test");
        var incidents = await db.Set<BreachIncident>().ToListAsync();
        Assert.Equal(3, incidents.Count);
        Assert.All(incidents, i => Assert.Equal(officer.Id, i.CreatedBy));
        var ransomware = incidents.Single(i => i.CriticalInfrastructure);
        Assert.Equal([ClockPresets.CacReportCii, ClockPresets.IndividualNotice, ClockPresets.PoliceReport],
            (await db.Set<Clock>().Where(c => c.OwnerType == BreachClocks.OwnerType && c.OwnerId == ransomware.Id.ToString()).Select(c => c.PresetKey).ToListAsync()).Order().ToArray());

        // A demo colleague signs in with the password the setup page showed.
        var client = PortalHttp.Client(app);
        var signIn = await PortalHttp.SignInAsync(client, "compliance@demo.privacy-portal.test", "demo-password-2026");
        Assert.Equal("/", PortalHttp.PathOf(signIn));
    }

    [Fact]
    public async Task Outside_development_there_is_no_demo_data_even_when_asked()
    {
        await using var app = new PortalAppFactory(environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Security:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Notifications:Email:AllowPickupFolder"] = "true",
        });
        var page = await (await PortalHttp.Client(app).GetAsync("/setup")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-testid=\"demo-data\"", page, StringComparison.Ordinal);

        await PortalHttp.PostFormAsync(PortalHttp.Client(app), "/setup", "setup", Setup(demo: true));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(0, await db.Set<Clock>().CountAsync());
        Assert.False(await db.Users.AnyAsync(u => u.Email!.EndsWith("@demo.privacy-portal.test")));
        Assert.True(await db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)));
    }
}
