using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace PrivacyPortal.Data;

/// <summary>
/// Holds an exclusive lock on "&lt;database&gt;.instance-lock" beside the embedded database for the life of the process, so a
/// second portal started on the same App_Data stops at once with the reason instead of running beside the first
/// (two instances on one SQLite file would each believe they own its jobs, checkpoints and keys).
/// </summary>
public sealed class SqliteInstanceLock(IConfiguration configuration, IHostEnvironment environment, IOptions<DatabaseOptions> options) : IDisposable
{
    private FileStream? held;

    public void Acquire()
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite || options.Value.AllowSharedSqlite || held is not null)
        {
            return;
        }
        var database = new SqliteConnectionStringBuilder(
            DataServiceCollectionExtensions.ConnectionString(configuration, DatabaseProvider.Sqlite, environment.ContentRootPath)).DataSource;
        if (string.IsNullOrEmpty(database) || database == ":memory:")
        {
            return;
        }
        var path = database + ".instance-lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"Another Privacy Portal instance is already running on the embedded database {database} (it holds {path}). "
                + "The embedded SQLite database serves one instance: stop the other one, or run several instances on SQL Server (README, \"More than one instance\").");
        }
    }

    public void Dispose() => held?.Dispose();
}
