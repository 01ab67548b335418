using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Security;

/// <summary>
/// A database connector can never reach the portal's own stores, whatever the spelling, and never creates a file.
/// Run against the real portal, whose own SQLite database sits in the same test folder tree a connector may use.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConnectorIsolationTests
{
    [Fact]
    public async Task Every_spelling_of_the_portals_own_database_is_refused_and_a_real_target_beside_it_is_not()
    {
        await using var app = new PortalAppFactory();
        _ = app.Services;
        var guard = app.Services.GetRequiredService<ConnectionGuard>();
        var own = app.DatabasePath;
        var folder = Path.GetDirectoryName(own)!;
        using var links = new TestFolder();
        var fileLink = links.File("innocent.db");
        File.CreateSymbolicLink(fileLink, own);
        var folderLink = links.File("shared");
        Directory.CreateSymbolicLink(folderLink, folder);
        var relative = Path.GetRelativePath(app.Services.GetRequiredService<IHostEnvironment>().ContentRootPath, own);

        var spellings = new Dictionary<string, string>
        {
            ["absolute"] = $"Data Source={own}",
            ["relative to the content root"] = $"Data Source={relative}",
            ["with .. segments"] = $"Data Source={Path.Combine(folder, "x", "..", Path.GetFileName(own))}",
            ["doubled separators"] = $"Data Source={folder}//{Path.GetFileName(own)}",
            ["a symbolic link to the file"] = $"Data Source={fileLink}",
            ["through a linked folder"] = $"Data Source={Path.Combine(folderLink, Path.GetFileName(own))}",
            ["its write-ahead log"] = $"Data Source={own}-wal",
            ["Mode=ReadWriteCreate"] = $"Data Source={own};Mode=ReadWriteCreate",
            ["Mode=ReadOnly"] = $"Data Source={own};Mode=ReadOnly",
            ["quoted"] = $"Data Source=\"{own}\"",
        };
        foreach (var (name, spelling) in spellings)
        {
            Assert.True(guard.Check(DatabaseProviders.Sqlite, spelling) == "Connectors.Db.Refused.PortalStore", name);
        }
        Assert.Equal("Connectors.Db.Refused.Uri", guard.Check(DatabaseProviders.Sqlite, $"Data Source=file:{own}?mode=ro"));
        Assert.Equal("Connectors.Db.Refused.Uri", guard.Check(DatabaseProviders.Sqlite, "Data Source=|DataDirectory|portal.db"));
        Assert.Equal("Connectors.Db.Refused.NoFile", guard.Check(DatabaseProviders.Sqlite, "Data Source=:memory:"));

        using var target = new TargetDatabase();
        Assert.Null(guard.Check(DatabaseProviders.Sqlite, target.ConnectionString));
    }

    [Fact]
    public async Task Load_schema_outside_the_allowed_folders_says_the_same_whether_the_path_exists_and_never_creates_a_file()
    {
        await using var app = new PortalAppFactory();
        using var scope = app.Services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<ConnectorSettingsService>();
        var outside = Path.Combine(Path.GetTempPath(), $"pp-outside-{Guid.NewGuid():N}.db");
        var inside = Path.Combine(TestFolder.Root, $"pp-new-{Guid.NewGuid():N}.db");

        var existing = await settings.LoadSchemaAsync(1, DatabaseProviders.Sqlite, "Data Source=/etc/hostname");
        var missing = await settings.LoadSchemaAsync(1, DatabaseProviders.Sqlite, $"Data Source={outside};Mode=ReadWriteCreate");
        Assert.Equal("Connectors.Db.Refused.Folder", Assert.Single(existing.Problems).Key);
        Assert.Equal("Connectors.Db.Refused.Folder", Assert.Single(missing.Problems).Key);
        Assert.False(File.Exists(outside));

        var absent = await settings.LoadSchemaAsync(1, DatabaseProviders.Sqlite, $"Data Source={inside};Mode=ReadWriteCreate");
        Assert.Equal("Connectors.Db.Refused.Missing", Assert.Single(absent.Problems).Key);
        Assert.False(File.Exists(inside));

        // The portal's own database: refused before any query, so no user table, password hash or key ring comes back.
        var own = await settings.LoadSchemaAsync(1, DatabaseProviders.Sqlite, $"Data Source={app.DatabasePath}");
        Assert.Equal("Connectors.Db.Refused.PortalStore", Assert.Single(own.Problems).Key);
        Assert.Null(own.Schema);
    }

    [Fact]
    public async Task A_stored_connection_to_the_portals_database_is_refused_at_every_use_not_only_when_saved()
    {
        await using var app = new PortalAppFactory();
        var connector = app.Services.GetRequiredService<DatabaseConnector>();
        var (problems, mapping) = await connector.ValidateAsync(DatabaseProviders.Sqlite, $"Data Source={app.DatabasePath};Mode=ReadOnly",
            new DatabaseMapping(), ["contact"], CancellationToken.None);
        Assert.Null(mapping);
        Assert.Equal("Connectors.Db.Refused.PortalStore", Assert.Single(problems).Key);
    }

    [Fact]
    public async Task A_SQL_Server_target_on_the_portals_own_server_must_name_another_database()
    {
        await using var app = new PortalAppFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:SqlServer"] = "Server=localhost;Database=PrivacyPortal;User Id=portal;Password=not-a-secret;TrustServerCertificate=True",
        });
        var guard = app.Services.GetRequiredService<ConnectionGuard>();
        foreach (var server in new[] { "localhost", "tcp:127.0.0.1,1433", "(local)", ".", "LOCALHOST" })
        {
            Assert.True(guard.Check(DatabaseProviders.SqlServer, $"Server={server};Database=privacyportal;User Id=x;Password=y") == "Connectors.Db.Refused.PortalStore", server);
            Assert.True(guard.Check(DatabaseProviders.SqlServer, $"Server={server};User Id=x;Password=y") == "Connectors.Db.Refused.PortalStore", server + " without a database");
        }
        Assert.Null(guard.Check(DatabaseProviders.SqlServer, "Server=localhost;Database=Crm;User Id=x;Password=y"));
        Assert.Null(guard.Check(DatabaseProviders.SqlServer, "Server=crm-db.internal.example;Database=PrivacyPortal;User Id=x;Password=y"));
    }
}
