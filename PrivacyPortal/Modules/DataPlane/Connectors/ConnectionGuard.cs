using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PrivacyPortal.Configuration;
using PrivacyPortal.Modules.Foundation.Audit;

namespace PrivacyPortal.Modules.DataPlane.Connectors;

/// <summary>A connection string a connector may not use; nothing was opened or created. <see cref="Key"/> says why.</summary>
public sealed class ConnectionRefusedException(string key) : ArgumentException(key)
{
    /// <summary>The resource key of the reason (Connectors.Db.Refused.*).</summary>
    public string Key { get; } = key;
}

/// <summary>
/// Every connection a database connector opens goes through here. A connector can never reach the portal's own stores
/// (its database, Hangfire's, the key, checkpoint, export, mail and log folders), whatever the spelling of the path:
/// SQLite files are resolved to their real path (relative parts, "..", symbolic links) and must lie under a folder named
/// in <c>Connectors:Database:FileFolders</c>; URI and |DataDirectory| forms are refused; the file must already exist
/// (a connector never creates one). A SQL Server target on the portal's own server must name another database.
/// </summary>
public sealed class ConnectionGuard(IOptions<DatabaseConnectorOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Opens nothing: the connection to use, or a refusal. <paramref name="readOnly"/> for schema reads and checks.</summary>
    public DbConnection Create(string provider, string connectionString, bool readOnly) => provider switch
    {
        DatabaseProviders.Sqlite => new SqliteConnection(Sqlite(connectionString, readOnly)),
        DatabaseProviders.SqlServer => new SqlConnection(SqlServer(connectionString)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>The reason a connection string would be refused, or null.</summary>
    public string? Check(string provider, string connectionString)
    {
        try
        {
            using var connection = Create(provider, connectionString, readOnly: true);
            return null;
        }
        catch (ConnectionRefusedException e)
        {
            return e.Key;
        }
        catch (ArgumentException)
        {
            return "Connectors.Db.Refused.Malformed";
        }
    }

    private string Sqlite(string connectionString, bool readOnly)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource.Trim();
        if (source.Length == 0 || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ConnectionRefusedException("Connectors.Db.Refused.NoFile");
        }
        // URI filenames (file:...?mode=...&vfs=...) and |DataDirectory| substitution could name anything.
        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains('|', StringComparison.Ordinal) || source.Contains('?', StringComparison.Ordinal))
        {
            throw new ConnectionRefusedException("Connectors.Db.Refused.Uri");
        }
        var real = RealPath(Path.GetFullPath(source, environment.ContentRootPath));
        // Outside the configured folders the answer is the same whether the path exists or not.
        if (!FileFolders().Any(folder => IsUnder(real, folder)))
        {
            throw new ConnectionRefusedException("Connectors.Db.Refused.Folder");
        }
        if (ProtectedStores().Any(store => real.Equals(store, PathComparison) || IsUnder(real, store) || real.StartsWith(store + "-", PathComparison)))
        {
            throw new ConnectionRefusedException("Connectors.Db.Refused.PortalStore");
        }
        if (!File.Exists(real))
        {
            throw new ConnectionRefusedException("Connectors.Db.Refused.Missing");
        }
        builder.DataSource = real;
        // Never create: read-only for schema reads and checks, read-write (not create) for operations.
        builder.Mode = readOnly || builder.Mode == SqliteOpenMode.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite;
        return builder.ToString();
    }

    private string SqlServer(string connectionString)
    {
        var target = new SqlConnectionStringBuilder(connectionString);
        foreach (var own in OwnSqlServers())
        {
            if (SameServer(target.DataSource, own.DataSource)
                && (string.IsNullOrWhiteSpace(target.InitialCatalog) || string.Equals(target.InitialCatalog.Trim(), own.InitialCatalog.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                throw new ConnectionRefusedException("Connectors.Db.Refused.PortalStore");
            }
        }
        return target.ToString();
    }

    private IEnumerable<string> FileFolders() =>
        options.Value.FileFolders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => RealPath(Path.GetFullPath(f, environment.ContentRootPath)));

    /// <summary>The portal's own files and folders, as configured.</summary>
    private IEnumerable<string> ProtectedStores()
    {
        var root = environment.ContentRootPath;
        var paths = new List<string?>
        {
            SqliteFile(configuration.GetConnectionString("Sqlite")),
            configuration.GetConnectionString("HangfireSqlite") ?? "App_Data/hangfire.db",
            configuration[$"{AuditCheckpointOptions.Section}:KeyFile"] ?? new AuditCheckpointOptions().KeyFile,
            configuration[$"{AuditCheckpointOptions.Section}:Directory"] ?? new AuditCheckpointOptions().Directory,
            configuration[$"{ExportOptions.Section}:Folder"] ?? new ExportOptions().Folder,
            configuration["Notifications:Email:PickupDirectory"] ?? "App_Data/mail-pickup",
            Path.GetDirectoryName(configuration[$"{PortalOptions.Section}:LogFile"] ?? new PortalOptions().LogFile),
            "App_Data/keys",
        };
        return paths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => RealPath(Path.GetFullPath(p!, root)));
    }

    private static string? SqliteFile(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return source is "" or ":memory:" ? null : source;
    }

    private IEnumerable<SqlConnectionStringBuilder> OwnSqlServers()
    {
        foreach (var name in new[] { "SqlServer", "HangfireSqlServer" })
        {
            if (configuration.GetConnectionString(name) is { Length: > 0 } value)
            {
                SqlConnectionStringBuilder? builder = null;
                try
                {
                    builder = new SqlConnectionStringBuilder(value);
                }
                catch (ArgumentException)
                {
                }
                if (builder is not null)
                {
                    yield return builder;
                }
            }
        }
    }

    /// <summary>"tcp:Localhost,1433", "(local)", "." and "127.0.0.1" are one server.</summary>
    internal static bool SameServer(string a, string b) => string.Equals(NormalServer(a), NormalServer(b), StringComparison.OrdinalIgnoreCase);

    private static string NormalServer(string server)
    {
        var s = server.Trim().ToLowerInvariant();
        foreach (var prefix in new[] { "tcp:", "np:", "lpc:", "admin:" })
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal))
            {
                s = s[prefix.Length..];
            }
        }
        s = s.Replace(",1433", "", StringComparison.Ordinal);
        var instance = s.IndexOf('\\', StringComparison.Ordinal);
        var host = instance < 0 ? s : s[..instance];
        var rest = instance < 0 ? "" : s[instance..];
        if (host is "." or "(local)" or "localhost" or "127.0.0.1" or "::1" or "[::1]" || host == Environment.MachineName.ToLowerInvariant())
        {
            host = "localhost";
        }
        return host + rest;
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, PathComparison);

    /// <summary>The path with every symbolic link along it resolved (the parts that do not exist are kept as written).</summary>
    internal static string RealPath(string fullPath, int depth = 0)
    {
        if (depth > 32)
        {
            throw new ConnectionRefusedException("Connectors.Db.Refused.Folder");
        }
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            var target = info.Exists || info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
            current = target is null ? next : RealPath(Path.GetFullPath(target.FullName), depth + 1);
        }
        return current;
    }
}
