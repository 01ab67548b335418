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
}
