using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Tests.Infrastructure;

/// <summary>A migrated SQLite file of its own, for service tests that need no web host.</summary>
public sealed class TestDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    private readonly TestFolder folder = new();
    private readonly DbContextOptions<SqlitePortalDbContext> options;

    private TestDatabase()
    {
        Path = folder.File("portal.db");
        ConnectionString = $"Data Source={Path};Pooling=False";
        var builder = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        DataServiceCollectionExtensions.UseSqlite(builder, ConnectionString);
        options = builder.Options;
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public PortalDbContext CreateDbContext() => new SqlitePortalDbContext(options);

    public ValueTask DisposeAsync()
    {
        folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
