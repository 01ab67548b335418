using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Connectors;

public sealed class DatabaseConnectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(long Id, SubjectKeys Keys)> PersonAsync(ServiceHarness harness, string phone, string email, string account)
    {
        var (errors, id) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, phone), new(IdentifierKind.Email, email), new(IdentifierKind.AccountId, account)]);
        Assert.True(errors.IsValid, string.Join(", ", errors));
        return (id!.Value, await harness.Get<SubjectDirectory>().KeysAsync(id.Value));
    }

    [Fact]
    public async Task A_mapping_naming_what_the_database_lacks_is_refused_with_each_reason_and_nothing_is_saved()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var target = new TargetDatabase();
        var systemId = await target.RegisterAsync(harness, "CRM");
        var before = await harness.Get<ConnectorSettingsService>().GetAsync(systemId);

        var bad = new DatabaseMapping
        {
            Tables =
            [
                new TableMapping { Table = "orders", IdentifierColumns = [new("phone", IdentifierKind.Phone)], CategoryColumns = new() { [DataCategories.Contact] = ["phone"] } },
                new TableMapping { Table = "customers", IdentifierColumns = [], CategoryColumns = new() { [DataCategories.Contact] = ["mobile"] } },
                new TableMapping
                {
                    Table = "logins", IdentifierColumns = [new("phone", IdentifierKind.Phone)], CategoryColumns = new() { ["shoe-size"] = ["ip"], [DataCategories.DeviceUsage] = ["ip"] },
                    Erasure = ErasureAction.NullColumns, ErasureColumns = ["ip"],
                },
            ],
        };
        var (problems, conflict) = await harness.Get<ConnectorSettingsService>().SaveAsync(new ConnectorSettingsInput
        {
            SystemId = systemId, Version = before!.Version, Kind = ConnectorKind.Database, DatabaseProvider = DatabaseProviders.Sqlite, Mapping = bad,
        });

        Assert.False(conflict);
        Assert.Contains(problems, p => p.Key == "Connectors.Db.UnknownTable" && p.Args[0] == "orders");
        Assert.Contains(problems, p => p.Key == "Connectors.Db.NoIdentifier" && p.Args[0] == "customers");
        Assert.Contains(problems, p => p.Key == "Connectors.Db.UnknownColumn" && p.Args[1] == "mobile");
        Assert.Contains(problems, p => p.Key == "Connectors.Db.UnknownCategory" && p.Args[1] == "shoe-size");
        Assert.Contains(problems, p => p.Key == "Connectors.Db.ErasureKeepsIdentifier" && p.Args[1] == "phone");
        var after = await harness.Get<ConnectorSettingsService>().GetAsync(systemId);
        Assert.Equal(before.Version, after!.Version);
        Assert.Equal(2, after.Mapping.Tables.Count);
    }

    [Fact]
    public async Task An_unreachable_database_is_refused_and_the_connection_string_is_stored_encrypted()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var target = new TargetDatabase();
        var systemId = await target.RegisterAsync(harness, "CRM");
        var view = await harness.Get<ConnectorSettingsService>().GetAsync(systemId);

        var (problems, _) = await harness.Get<ConnectorSettingsService>().SaveAsync(new ConnectorSettingsInput
        {
            SystemId = systemId, Version = view!.Version, Kind = ConnectorKind.Database, DatabaseProvider = DatabaseProviders.Sqlite,
            NewSecret = $"Data Source={Path.Combine(TestFolder.Root, "no-such-folder", "x.db")};Mode=ReadOnly", Mapping = TargetDatabase.Mapping(),
        });

        Assert.Equal("Connectors.Db.Refused.Missing", Assert.Single(problems).Key);
        await using var db = harness.Database.CreateDbContext();
        var stored = await db.Set<DataSystem>().SingleAsync(s => s.Id == systemId);
        Assert.DoesNotContain(target.Path, stored.SecretProtected);
        Assert.Contains("\"customers\"", stored.MappingJson);
        Assert.True(view.HasSecret);
    }

    [Fact]
    public async Task Find_counts_one_persons_rows_per_category_and_ignores_everyone_else()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var target = new TargetDatabase();
        target.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        target.AddCustomer("acme-002", "李强", "li.qiang@example.com", "13800000002");
        target.AddLogins("13800000001", 12, new DateTime(2026, 1, 1));
        target.AddLogins("13800000002", 5, new DateTime(2026, 1, 1));
        var systemId = await target.RegisterAsync(harness, "CRM");
        var (_, keys) = await PersonAsync(harness, "+86 138-0000-0001", "Wang.Fang@Example.com", "acme-001");

        var system = (await harness.Get<ConnectorTargets>().SystemAsync(systemId, default))!;
        var outcome = await harness.Get<DatabaseConnector>().FindAsync(harness.Get<ConnectorTargets>().For(system), keys, default);

        Assert.Equal(StepStatus.Done, outcome.Status);
        Assert.Equal(1, outcome.CountsByCategory[DataCategories.Contact]);
        Assert.Equal(1, outcome.CountsByCategory[DataCategories.AccountIdentity]);
        Assert.Equal(12, outcome.CountsByCategory[DataCategories.DeviceUsage]);
        Assert.Equal(12, outcome.CountsByCategory[DataCategories.PreciseLocation]);
    }

    [Fact]
    public async Task Identifier_values_are_parameters_so_sql_in_a_value_matches_nothing_and_changes_nothing()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var target = new TargetDatabase();
        target.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        var systemId = await target.RegisterAsync(harness, "CRM");
        var keys = new SubjectKeys(1, [new(IdentifierKind.AccountId, "x' OR '1'='1"), new(IdentifierKind.Email, "\"; DROP TABLE customers; --")]);
        var system = (await harness.Get<ConnectorTargets>().SystemAsync(systemId, default))!;
        var connectorTarget = harness.Get<ConnectorTargets>().For(system);

        var found = await harness.Get<DatabaseConnector>().FindAsync(connectorTarget, keys, default);
        var erased = await harness.Get<DatabaseConnector>().EraseAsync(connectorTarget, keys, new OperationStepRef(1, 1, OperationKind.Erase, "test"), default);

        Assert.Equal(0, found.CountsByCategory[DataCategories.Contact]);
        Assert.Equal(StepStatus.Done, erased.Status);
        Assert.Equal(0, erased.Rows);
        Assert.Equal(1, target.Scalar("SELECT COUNT(*) FROM customers WHERE email IS NOT NULL"));
    }

    [Fact]
    public async Task Purge_deletes_only_rows_older_than_the_cutoff_in_batches()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now, new Dictionary<string, string?> { ["Connectors:Database:BatchSize"] = "7" });
        using var target = new TargetDatabase();
        target.AddLogins("13800000001", 30, new DateTime(2026, 1, 1, 0, 0, 0));
        var systemId = await target.RegisterAsync(harness, "CRM");
        var system = (await harness.Get<ConnectorTargets>().SystemAsync(systemId, default))!;
        var connectorTarget = harness.Get<ConnectorTargets>().For(system);

        var batches = new List<int>();
        await using (var purge = await harness.Get<DatabaseConnector>().OpenPurgeAsync(connectorTarget, "logins", PurgeAnchor.RecordTime, new DateTime(2026, 1, 1, 20, 0, 0), [], default))
        {
            Assert.Equal(20, (await purge.CountAsync(default)).Expired);
            int deleted;
            do
            {
                deleted = await purge.BatchAsync(7, default);
                batches.Add(deleted);
            }
            while (deleted == 7);
            Assert.Equal(0, (await purge.CountAsync(default)).Expired);
        }

        Assert.Equal([7, 7, 6], batches);
        Assert.Equal(10, target.Scalar("SELECT COUNT(*) FROM logins"));
        Assert.Equal(0, target.Scalar("SELECT COUNT(*) FROM logins WHERE accessed_at < '2026-01-01 20:00:00'"));
    }

    [Fact]
    public async Task An_account_open_purge_clears_only_accounts_closed_before_the_cutoff_and_keeps_their_rows_as_mapped()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var target = new TargetDatabase();
        target.AddCustomer("XZ1", "客户甲", "a@example.com", "13800000001", closedAt: "2023-04-30 10:00:00");
        target.AddCustomer("XZ2", "客户乙", "b@example.com", "13800000002", closedAt: "2026-05-01 10:00:00");
        target.AddCustomer("XZ3", "客户丙", "c@example.com", "13800000003");
        target.AddCustomer("XZ4", "客户丁", "d@example.com", "13800000004", closedAt: "2022-01-15 10:00:00");
        var systemId = await target.RegisterAsync(harness, "CRM");
        var connectorTarget = harness.Get<ConnectorTargets>().For((await harness.Get<ConnectorTargets>().SystemAsync(systemId, default))!);
        var cutoff = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // XZ4's account is under a legal hold.
        var held = new SubjectKeys(1, [new(IdentifierKind.AccountId, "XZ4")]);

        await using var purge = await harness.Get<DatabaseConnector>().OpenPurgeAsync(connectorTarget, "customers", PurgeAnchor.AccountClosed, cutoff, [held], default);
        var before = await purge.CountAsync(default);
        Assert.Equal((1L, 1L), (before.Expired, before.Held));
        Assert.Equal(new DateTime(2026, 5, 1, 10, 0, 0), before.OldestKeptUtc);
        Assert.Equal(1, await purge.BatchAsync(100, default));
        // The table clears identifiers on erasure: the row stays for the totals, unlinked, and is not counted again.
        Assert.Equal(0, await purge.BatchAsync(100, default));
        Assert.Equal(0, (await purge.CountAsync(default)).Expired);
        Assert.Equal(4, target.Scalar("SELECT COUNT(*) FROM customers"));
        Assert.Equal(1, target.Scalar("SELECT COUNT(*) FROM customers WHERE account_id IS NULL AND phone IS NULL AND email IS NULL AND contact_name IS NULL AND closed_at = '2023-04-30 10:00:00'"));
        Assert.Equal(3, target.Scalar("SELECT COUNT(*) FROM customers WHERE account_id IN ('XZ2', 'XZ3', 'XZ4')"));

        // A table without an account-closed column cannot be purged that way.
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Get<DatabaseConnector>().OpenPurgeAsync(connectorTarget, "logins", PurgeAnchor.AccountClosed, cutoff, [], default));
    }
}
