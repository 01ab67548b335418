using MudBlazor;
using PrivacyPortal.Jobs;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Resources;
using PrivacyPortal.Security;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Modules.DataPlane;

/// <summary>
/// Where personal information is and how the portal reaches it: the inventory (systems, categories, recipients and
/// flows, purposes and consent, disclosures), the subject directory, and the connectors that export, erase and
/// purge in each system.
/// </summary>
public sealed class DataPlaneModule : PortalModule
{
    public override int Layer => 1;

    public override void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddModuleText<DataPlaneText>();

        // Subject directory.
        services.AddOptions<SubjectsOptions>().Bind(configuration.GetSection(SubjectsOptions.Section))
            .Validate(o => SubjectLookupHasher.IsValidKey(o.LookupKey), "Subjects:LookupKey must be set to a base64 key of at least 32 bytes (e.g. `openssl rand -base64 32`).")
            .ValidateOnStart();
        services.AddSingleton<SubjectLookupHasher>();
        services.AddSingleton<IdentifierProtector>();
        services.AddScoped<SubjectDirectory>();

        // Inventory.
        services.AddScoped<CategoryService>();
        services.AddScoped<SystemService>();
        services.AddScoped<RecipientService>();
        services.AddScoped<PurposeService>();
        services.AddScoped<DisclosureService>();
        services.AddScoped<ConsentService>();

        // Connectors: database, HTTP and manual; subject operations and export packages.
        services.Configure<DatabaseConnectorOptions>(configuration.GetSection(DatabaseConnectorOptions.Section));
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.AddSingleton<ConnectorSecrets>();
        services.AddSingleton<EncryptedFiles>();
        services.AddSingleton<ExportStorage>();
        services.AddSingleton<ConnectionGuard>();
        services.AddSingleton<DatabaseConnector>();
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<DatabaseConnector>());
        services.AddScoped<ConnectorTargets>();
        services.AddScoped<ExportPackageBuilder>();
        services.AddScoped<ExportPackageService>();
        services.AddScoped<SubjectOperationService>();
        services.AddScoped<DiscoveryService>();
        services.AddScoped<ConnectorSettingsService>();
        services.AddHttpAndManualConnectors(configuration);
        // Exports and erasures left half-done by a stopped instance continue where they stopped.
        services.AddRecurringJob<SubjectOperationJob>("subject-operations-resume", "*/5 * * * *", j => j.ResumeAsync(CancellationToken.None));
        // Daily at 03:10: export packages past their expiry are deleted (Exports:ExpiryDays).
        services.AddRecurringJob<SubjectOperationJob>("exports-expire", "10 3 * * *", j => j.DeleteExpiredAsync(CancellationToken.None));

        services.AddNavLink(new(NavSection.People, DataPlaneRoutes.Subjects, "Nav.Subjects", Icons.Material.Outlined.PersonSearch, Policies.SubjectLookup) { TestId = "nav-subjects" });
        services.AddNavLink(new(NavSection.Inventory, DataPlaneRoutes.Inventory, "Nav.Systems.Inventory", Icons.Material.Outlined.Inventory2, Policies.InventoryRead) { Exact = true, TestId = "nav-inventory" });
        services.AddNavLink(new(NavSection.Inventory, DataPlaneRoutes.Categories, "Inventory.Categories.Title", Icons.Material.Outlined.Category, Policies.InventoryRead));
        services.AddNavLink(new(NavSection.Inventory, DataPlaneRoutes.Recipients, "Inventory.Recipients.Title", Icons.Material.Outlined.Share, Policies.InventoryRead));
        services.AddNavLink(new(NavSection.Inventory, DataPlaneRoutes.Purposes, "Inventory.Purposes.Title", Icons.Material.Outlined.FactCheck, Policies.InventoryRead));
        services.AddNavLink(new(NavSection.Inventory, DataPlaneRoutes.Disclosures, "Inventory.Disclosures.Title", Icons.Material.Outlined.Gavel, Policies.InventoryRead));
        services.AddNavLink(new(NavSection.Systems, DataPlaneRoutes.ConnectorTasks, "Nav.ConnectorTasks", Icons.Material.Outlined.AssignmentTurnedIn, Policies.SystemManage) { TestId = "nav-connector-tasks" });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // The decrypted export package, for compliance officers, audited.
        endpoints.MapGet("/" + DataPlaneRoutes.ExportDownloadTemplate, async (long id, ExportPackageService packages, CancellationToken cancellationToken) =>
        {
            var opened = await packages.OpenAsync(id, cancellationToken);
            return opened is { } found
                ? Results.Stream(found.Content, "application/zip", ExportPackageService.DownloadName(found.Package))
                : Results.NotFound();
        }).RequireAuthorization(Policies.Compliance);
    }
}
