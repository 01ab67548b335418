namespace PrivacyPortal.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Production DBAs may apply the generated script themselves and turn this off.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Lets a second process open the same SQLite file. Off by default: the embedded database serves one instance, and a
    /// second one is refused at start (<see cref="SqliteInstanceLock"/>); several instances run on SQL Server. The tests of
    /// behaviour across instances turn it on.
    /// </summary>
    public bool AllowSharedSqlite { get; set; }
}
