using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Connectors;

/// <summary>A real SQLite database standing for one of the company's systems: customers and their logins.</summary>
public sealed class TargetDatabase : IDisposable
{
    private readonly TestFolder folder = new();

    public TargetDatabase(string name = "shop")
    {
        Path = folder.File($"{name}.db");
        ConnectionString = $"Data Source={Path};Pooling=False";
        Execute("""
            CREATE TABLE customers (id INTEGER PRIMARY KEY, account_id TEXT, contact_name TEXT, email TEXT, phone TEXT, created_at TEXT, closed_at TEXT);
            CREATE TABLE logins (id INTEGER PRIMARY KEY, phone TEXT, ip TEXT, browser TEXT, gps_lat REAL, gps_lng REAL, accessed_at TEXT);
            """);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        command.ExecuteNonQuery();
    }

    public string? Text(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <param name="closedAt">When the account was closed, as the system writes it; null while it is open.</param>
    public void AddCustomer(string account, string name, string email, string phone, string? closedAt = null) =>
        Execute("INSERT INTO customers (account_id, contact_name, email, phone, created_at, closed_at) VALUES ($a, $n, $e, $p, '2025-03-01 08:00:00', $c)",
            ("$a", account), ("$n", name), ("$e", email), ("$p", phone), ("$c", (object?)closedAt ?? DBNull.Value));

    public void AddLogins(string phone, int count, DateTime firstUtc)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO logins (phone, ip, browser, gps_lat, gps_lng, accessed_at) VALUES ($p, $ip, 'Chrome 131', 39.9, 116.4, $at)";
        var p = command.Parameters.Add("$p", SqliteType.Text);
        var ip = command.Parameters.Add("$ip", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        for (var i = 0; i < count; i++)
        {
            p.Value = phone;
            ip.Value = $"10.0.{i / 250}.{i % 250}";
            at.Value = firstUtc.AddHours(i).ToString(DatabaseConnector.SqliteTimestampFormat, System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Customers keep their row with identifiers cleared; logins are deleted.</summary>
    public static DatabaseMapping Mapping() => new()
    {
        Tables =
        [
            new TableMapping
            {
                Table = "customers",
                IdentifierColumns = [new("account_id", IdentifierKind.AccountId), new("phone", IdentifierKind.Phone), new("email", IdentifierKind.Email)],
                CategoryColumns = new() { [DataCategories.AccountIdentity] = ["contact_name"], [DataCategories.Contact] = ["email", "phone"] },
                TimestampColumn = "created_at",
                AccountClosedColumn = "closed_at",
                Erasure = ErasureAction.NullColumns,
                ErasureColumns = ["account_id", "contact_name", "email", "phone"],
            },
            new TableMapping
            {
                Table = "logins",
                IdentifierColumns = [new("phone", IdentifierKind.Phone)],
                CategoryColumns = new() { [DataCategories.DeviceUsage] = ["ip", "browser"], [DataCategories.PreciseLocation] = ["gps_lat", "gps_lng"] },
                TimestampColumn = "accessed_at",
                Erasure = ErasureAction.DeleteRow,
            },
        ],
    };

    /// <summary>Registers the database as a system with this mapping, through the connector settings as staff would.</summary>
    public async Task<int> RegisterAsync(ServiceHarness harness, string name, DatabaseMapping? mapping = null, string region = StorageRegions.MainlandChina)
    {
        int id;
        await using (var db = harness.Database.CreateDbContext())
        {
            var categories = await db.Set<DataCategory>().Where(c => c.Key != DataCategories.Browsing && c.Key != DataCategories.Delivery).ToListAsync();
            var system = new DataSystem { Name = name, OwnerTeam = "平台部", OwnerEmail = "owner@example.com", Purpose = "测试", StorageRegion = region, Categories = categories, ConnectorKind = ConnectorKind.Manual, ManualChecklist = "x" };
            db.Add(system);
            await db.SaveChangesAsync();
            id = system.Id;
        }
        var (problems, conflict) = await harness.Get<ConnectorSettingsService>().SaveAsync(new ConnectorSettingsInput
        {
            SystemId = id,
            Kind = ConnectorKind.Database,
            DatabaseProvider = DatabaseProviders.Sqlite,
            NewSecret = ConnectionString,
            Mapping = mapping ?? Mapping(),
        });
        Assert.Empty(problems);
        Assert.False(conflict);
        return id;
    }

    public void Dispose() => folder.Dispose();
}
