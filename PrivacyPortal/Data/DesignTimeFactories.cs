using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PrivacyPortal.Configuration;

namespace PrivacyPortal.Data;

// `dotnet ef` builds each context from the same appsettings.json the app reads, one per provider.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
    {
        var configuration = PortalConfiguration.ForTools();
        var connectionString = DataServiceCollectionExtensions.ConnectionString(configuration, DatabaseProvider.Sqlite, Directory.GetCurrentDirectory());
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        DataServiceCollectionExtensions.UseSqlite(options, connectionString);
        return new SqlitePortalDbContext(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPortalDbContext>
{
    public SqlServerPortalDbContext CreateDbContext(string[] args)
    {
        var configuration = PortalConfiguration.ForTools();
        var options = new DbContextOptionsBuilder<SqlServerPortalDbContext>();
        DataServiceCollectionExtensions.UseSqlServer(options, configuration.GetConnectionString("SqlServer") ?? "Server=.;Database=PrivacyPortal");
        return new SqlServerPortalDbContext(options.Options);
    }
}
