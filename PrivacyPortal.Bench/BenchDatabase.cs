using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PrivacyPortal.Data;

namespace PrivacyPortal.Bench;

/// <summary>
/// One SQLite file configured exactly as the portal configures it (same provider options, same pragmas
/// interceptor), and the tiny <see cref="IDbContextFactory{TContext}"/> the audit classes need.
/// </summary>
internal sealed class BenchDatabase : IDbContextFactory<PortalDbContext>
{
    private readonly DbContextOptions<SqlitePortalDbContext> options;

    private BenchDatabase(string path)
    {
        FilePath = path;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var builder = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        DataServiceCollectionExtensions.UseSqlite(builder, connectionString);
        options = builder.Options;
    }

    public string FilePath { get; }

    /// <summary>Database file plus its write-ahead log, in bytes.</summary>
    public long SizeOnDisk => FileLength(FilePath) + FileLength(FilePath + "-wal");

    /// <summary>Creates a fresh file and applies the portal's SQLite migrations.</summary>
    public static async Task<BenchDatabase> CreateAsync(string path)
    {
        var database = new BenchDatabase(path);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>Opens a file that <see cref="CreateAsync"/> made earlier (the verification child process does this).</summary>
    public static BenchDatabase Open(string path) =>
        File.Exists(path) ? new BenchDatabase(path) : throw new FileNotFoundException("No bench database here.", path);

    public PortalDbContext CreateDbContext() => new SqlitePortalDbContext(options);

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
