using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Inventory;

/// <summary>Who sees the inventory pages, and who sees the buttons that change them (the pages render on the server first).</summary>
[Collection(AppCollection.Name)]
public sealed class InventoryPagesTests : IAsyncLifetime
{
    private readonly PortalAppFactory app = new();

    private static readonly string[] Paths = ["/inventory", "/inventory/categories", "/inventory/recipients", "/inventory/purposes", "/inventory/disclosures"];

    public async Task InitializeAsync()
    {
        using var scope = app.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<SystemService>().SaveAsync(InventoryTestData.NewSystem("计费系统", "HK"));
        Assert.Equal(InventoryChange.Done, saved.Change);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    // The server renders CJK text as character references.
    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var (_, email) = await PortalHttp.CreateStaffAsync(app.Services, role);
        var client = PortalHttp.Client(app);
        await PortalHttp.SignInAsync(client, email);
        return client;
    }

    [Fact]
    public async Task An_auditor_reads_every_inventory_page_without_a_single_edit_button()
    {
        var client = await SignedInAsync(Roles.Auditor);
        foreach (var path in Paths)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await HtmlAsync(response);
            Assert.DoesNotContain("-add\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("aria-label=\"编辑\"", html, StringComparison.Ordinal);
        }
        var inventory = await HtmlAsync(await client.GetAsync("/inventory"));
        Assert.Contains("计费系统", inventory, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"cross-border\"", inventory, StringComparison.Ordinal);
        Assert.DoesNotContain("/connector\"", inventory, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compliance_officer_gets_the_edit_buttons_and_the_connector_link()
    {
        var client = await SignedInAsync(Roles.ComplianceOfficer);
        foreach (var (path, button) in new[] { ("/inventory", "system-add"), ("/inventory/categories", "category-add"), ("/inventory/recipients", "recipient-add"), ("/inventory/purposes", "purpose-add"), ("/inventory/disclosures", "disclosure-add") })
        {
            var html = await HtmlAsync(await client.GetAsync(path));
            Assert.Contains($"data-testid=\"{button}\"", html, StringComparison.Ordinal);
        }
        Assert.Matches("href=\"inventory/systems/\\d+/connector\"", await HtmlAsync(await client.GetAsync("/inventory")));
    }

    [Fact]
    public async Task An_admin_manages_systems_but_not_the_compliance_registers()
    {
        var client = await SignedInAsync(Roles.Admin);
        Assert.Contains("data-testid=\"system-add\"", await HtmlAsync(await client.GetAsync("/inventory")), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"recipient-add\"", await HtmlAsync(await client.GetAsync("/inventory/recipients")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_service_cannot_open_the_inventory()
    {
        var client = await SignedInAsync(Roles.CustomerService);
        foreach (var path in Paths)
        {
            var response = await client.GetAsync(path);
            var html = await HtmlAsync(response);
            Assert.True(response.StatusCode != HttpStatusCode.OK || !html.Contains("计费系统", StringComparison.Ordinal), path);
            Assert.DoesNotContain("data-testid=\"system-table\"", html, StringComparison.Ordinal);
        }
    }
}
