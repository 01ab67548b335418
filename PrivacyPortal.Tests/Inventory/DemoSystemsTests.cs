using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Demo;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Inventory;

public sealed class DemoSystemsTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 9, 18, 2, 0, 0, DateTimeKind.Utc);
    private readonly TestFolder folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private DemoSystemsResult Generate(string name, DemoSystemsOptions? options = null) =>
        DemoSystems.Generate(folder.File(name), options ?? new DemoSystemsOptions { NowUtc = Now });

    private static List<List<object?>> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<List<object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToList());
        }
        return rows;
    }

    private static HashSet<string> Column(string path, string sql) =>
        Rows(path, sql).Where(r => r[0] is not null).Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_table_and_column_a_mapping_names_exists_in_its_store_and_holds_rows()
    {
        var stores = Generate("stores");

        foreach (var (file, mapping) in DemoSystems.Mappings())
        {
            var path = Path.Combine(stores.Folder, file);
            Assert.True(File.Exists(path), file);
            Assert.NotEmpty(mapping.Tables);
            foreach (var table in mapping.Tables)
            {
                var columns = Rows(path, $"SELECT name FROM pragma_table_info('{table.Table}')").Select(r => (string)r[0]!).ToHashSet();
                Assert.True(columns.Count > 0, $"{file}: no table {table.Table}");
                var named = table.IdentifierColumns.Select(c => c.Column)
                    .Concat(table.CategoryColumns.SelectMany(c => c.Value))
                    .Concat(table.ErasureColumns)
                    .Append(table.TimestampColumn!);
                Assert.All(named, c => Assert.True(columns.Contains(c), $"{file}: {table.Table}.{c} is mapped but missing"));
                Assert.All(table.CategoryColumns.Keys, k => Assert.Contains(k, DataCategories.Defaults().Select(d => d.Key)));
                if (table.Erasure == ErasureAction.NullColumns)
                {
                    Assert.All(table.IdentifierColumns, c => Assert.Contains(c.Column, table.ErasureColumns));
                }
                Assert.True((long)Rows(path, $"SELECT COUNT(*) FROM {table.Table}")[0][0]! > 0, $"{table.Table} is empty");
            }
        }

        Assert.Equal(4_000, stores.LoginEvents);
        Assert.Equal(4_000L, Rows(stores.UsagePath, "SELECT COUNT(*) FROM login_events")[0][0]);
        Assert.Equal((long)stores.Deliveries, Rows(stores.DeliveryPath, "SELECT COUNT(*) FROM deliveries")[0][0]);
        // The identifier columns the connector searches by are indexed.
        var indexed = Column(stores.UsagePath, "SELECT name FROM pragma_index_info('ix_login_events_phone')");
        Assert.Contains("phone", indexed);
        Assert.Equal("wal", Rows(stores.UsagePath, "PRAGMA journal_mode")[0][0]);
    }

    [Fact]
    public void The_same_people_appear_across_the_stores_as_designed_in_the_form_the_portal_normalises()
    {
        var stores = Generate("stores");
        var people = stores.People;
        Assert.Equal(200, people.Count);

        var crmPhones = Column(stores.CrmPath, "SELECT phone FROM customers");
        var crmAccounts = Column(stores.CrmPath, "SELECT account_id FROM customers");
        var usageAccounts = Column(stores.UsagePath, "SELECT account_id FROM login_events");
        var usagePhones = Column(stores.UsagePath, "SELECT phone FROM login_events");
        var deliveryPhones = Column(stores.DeliveryPath, "SELECT phone FROM deliveries");

        // Most people are customers with logs; a few only asked for a delivery; a few closed their account.
        var customers = people.Where(p => p.InCrm).ToList();
        Assert.InRange(customers.Count, 170, 195);
        Assert.Equal(customers.Select(p => p.Phone).ToHashSet(), crmPhones);
        Assert.Equal(customers.Count, stores.Customers);
        Assert.Superset(crmAccounts, usageAccounts);
        Assert.True(usageAccounts.Count >= customers.Count * 9 / 10, "nearly every customer has signed in");
        var deliveryOnly = people.Where(p => p.AccountId is null).ToList();
        Assert.NotEmpty(deliveryOnly);
        Assert.All(deliveryOnly, p =>
        {
            Assert.Contains(p.Phone, deliveryPhones);
            Assert.DoesNotContain(p.Phone, crmPhones);
            Assert.DoesNotContain(p.Phone, usagePhones);
        });
        var closed = people.Where(p => p.AccountClosedUtc is not null).ToList();
        Assert.NotEmpty(closed);
        // A closed account keeps its CRM row with the closing time, which "account open + N" rules count from.
        Assert.Equal(closed.Select(p => p.AccountId!).ToHashSet(), Column(stores.CrmPath, "SELECT account_id FROM customers WHERE closed_at IS NOT NULL"));
        Assert.Contains(closed, p => usageAccounts.Contains(p.AccountId!));
        Assert.True(customers.Count(p => deliveryPhones.Contains(p.Phone)) >= 20, "customers who also ordered a delivery");
        Assert.InRange(stores.Deliveries, 55, 65);

        // Stored as the portal normalises them, so exact lookup by keyed hash matches.
        Assert.All(crmPhones.Concat(deliveryPhones), phone =>
        {
            Assert.Equal(phone, IdentifierNormalizer.Normalize(IdentifierKind.Phone, phone, out _));
            Assert.Matches("^13[89][0-9]{8}$", phone);
        });
        var emails = Column(stores.CrmPath, "SELECT email FROM customers");
        Assert.All(emails, email =>
        {
            Assert.Equal(email, IdentifierNormalizer.Normalize(IdentifierKind.Email, email, out _));
            Assert.True(email.EndsWith("@example.com", StringComparison.Ordinal) || email.EndsWith("@example.cn", StringComparison.Ordinal), email);
        });
        Assert.All(crmAccounts, account => Assert.NotNull(IdentifierNormalizer.Normalize(IdentifierKind.AccountId, account, out _)));
        Assert.Contains(Column(stores.CrmPath, "SELECT contact_name FROM customers"), name => name.Any(c => c >= '\u4e00' && c <= '\u9fff'));

        // Timestamps: UTC text in one spelling; logs reach back more than 6 months (for the retention purge) but not into the future.
        var accessed = Column(stores.UsagePath, "SELECT accessed_at FROM login_events").Select(t =>
            DateTime.ParseExact(t, DemoSystems.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToList();
        Assert.All(accessed, t => Assert.True(t <= Now));
        Assert.Contains(accessed, t => t < Now.AddMonths(-6));
        Assert.Contains(accessed, t => t > Now.AddMonths(-1));
    }

    [Fact]
    public void The_same_seed_and_instant_give_the_same_stores_and_another_seed_does_not()
    {
        var first = Generate("first");
        var second = Generate("second");
        var other = Generate("other", new DemoSystemsOptions { NowUtc = Now, Seed = 7 });

        string Dump(DemoSystemsResult stores) => string.Join("\n",
            from query in new[]
            {
                (stores.CrmPath, "SELECT * FROM customers ORDER BY id"),
                (stores.UsagePath, "SELECT * FROM login_events ORDER BY id"),
                (stores.UsagePath, "SELECT * FROM page_views ORDER BY id"),
                (stores.DeliveryPath, "SELECT * FROM deliveries ORDER BY id"),
            }
            from row in Rows(query.Item1, query.Item2)
            select string.Join("|", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));

        Assert.Equal(Dump(first), Dump(second));
        Assert.Equal(first.People, second.People);
        Assert.NotEqual(Dump(first), Dump(other));
        Assert.Equal(first.People, DemoSystems.People(new DemoSystemsOptions { NowUtc = Now }));
    }

    [Fact]
    public void The_usage_store_scales_with_the_row_count_and_generating_again_replaces_the_old_stores()
    {
        var small = Generate("scaled", new DemoSystemsOptions { NowUtc = Now, People = 50, LoginEvents = 30_000, PageViews = 10, Deliveries = 5 });
        Assert.Equal(30_000L, Rows(small.UsagePath, "SELECT COUNT(*) FROM login_events")[0][0]);
        Assert.Equal(50, small.People.Count);

        var again = Generate("scaled");
        Assert.Equal(4_000L, Rows(again.UsagePath, "SELECT COUNT(*) FROM login_events")[0][0]);
    }
}

public sealed class InventoryDemoDataTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 9, 18, 2, 0, 0, TimeSpan.Zero);
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(Now);

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task The_demo_inventory_registers_systems_recipients_flows_consent_disclosures_and_subjects_found_by_a_generated_phone()
    {
        // The Demo module registers it in Development only; the harness runs as "Testing".
        var contributor = ActivatorUtilities.CreateInstance<InventoryDemoData>(harness.Get<IServiceProvider>());
        Assert.True(contributor.Order > 0, "runs after the staff");
        await contributor.ContributeAsync(new DemoDataContext("admin-1", "demo-password-2026", new Random(1)), CancellationToken.None);

        var folder = InventoryDemoData.Folder(harness.Get<IHostEnvironment>().ContentRootPath);
        await using var db = await harness.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var systems = await db.Set<DataSystem>().Include(s => s.Categories).AsNoTracking().ToListAsync();
        Assert.Equal(5, systems.Count);

        // The three database systems reach their demo store, and their mapping is the store's.
        var secrets = harness.Get<ConnectorSecrets>();
        var databases = systems.Where(s => s.ConnectorKind == ConnectorKind.Database).ToDictionary(s => s.Name);
        Assert.Equal(new HashSet<string> { InventoryDemoData.CrmName, InventoryDemoData.UsageName, InventoryDemoData.DeliveryName }, databases.Keys.ToHashSet());
        foreach (var (name, file) in new[] { (InventoryDemoData.CrmName, DemoSystems.CrmFile), (InventoryDemoData.UsageName, DemoSystems.UsageFile), (InventoryDemoData.DeliveryName, DemoSystems.DeliveryFile) })
        {
            var system = databases[name];
            Assert.Equal("Sqlite", system.DatabaseProvider);
            Assert.DoesNotContain(folder, system.SecretProtected!);
            var path = new SqliteConnectionStringBuilder(secrets.Unprotect(system.SecretProtected!)).DataSource;
            Assert.Equal(Path.Combine(folder, file), path);
            Assert.True(File.Exists(path));
            Assert.Equal(DemoSystems.Mappings()[file].ToJson(), DatabaseMapping.FromJson(system.MappingJson).ToJson());
            var mapped = DatabaseMapping.FromJson(system.MappingJson).Tables.SelectMany(t => t.CategoryColumns.Keys).ToHashSet();
            Assert.Equal(mapped, system.Categories.Select(c => c.Key).ToHashSet());
            Assert.Equal(StorageRegions.MainlandChina, system.StorageRegion);
        }
        var manual = systems.Where(s => s.ConnectorKind == ConnectorKind.Manual).ToList();
        Assert.Equal(2, manual.Count);
        Assert.All(manual, s => Assert.Equal(3, s.ManualChecklist!.Split('\n').Length));
        Assert.True(manual.Single(s => s.Name == InventoryDemoData.SmsGatewayName).IsCrossBorder);
        Assert.Single(systems, s => s.IsCrossBorder);
        Assert.All(systems, s => Assert.EndsWith("@demo.privacy-portal.test", s.OwnerEmail));

        var recipients = await db.Set<Recipient>().Include(r => r.Categories).AsNoTracking().ToListAsync();
        Assert.Equal(
            [RecipientType.Processor, RecipientType.Affiliate, RecipientType.Partner, RecipientType.Authority],
            recipients.Select(r => r.Type).OrderBy(t => t));
        Assert.All(recipients, r => Assert.NotEmpty(r.Categories));
        var flows = await db.Set<DataFlow>().AsNoTracking().ToListAsync();
        Assert.True(flows.Count >= 5);
        Assert.Contains(flows, f => f.SystemId == databases[InventoryDemoData.CrmName].Id && f.RecipientId == recipients.Single(r => r.Name == InventoryDemoData.ProcessorName).Id);
        var purposes = await db.Set<Purpose>().Include(p => p.Systems).Include(p => p.Categories).AsNoTracking().ToListAsync();
        Assert.All(purposes, p => Assert.NotEmpty(p.Systems));
        Assert.All(purposes, p => Assert.NotEmpty(p.Categories));

        // Every generated person is in the directory, and a hotline search by a phone from the stores finds them.
        var people = DemoSystems.People(new DemoSystemsOptions { NowUtc = Now.UtcDateTime });
        Assert.Equal(people.Count, await db.Set<DataSubject>().CountAsync());
        var directory = harness.Get<SubjectDirectory>();
        string customerPhone;
        await using (var crm = new SqliteConnection($"Data Source={Path.Combine(folder, DemoSystems.CrmFile)};Pooling=False;Mode=ReadOnly"))
        {
            await crm.OpenAsync();
            await using var query = new SqliteCommand("SELECT phone FROM customers ORDER BY id LIMIT 1", crm);
            customerPhone = (string)(await query.ExecuteScalarAsync())!;
        }
        var (errors, card) = await directory.FindAsync($"+86 {customerPhone[..3]}-{customerPhone[3..7]}-{customerPhone[7..]}");
        Assert.True(errors.IsValid);
        Assert.NotNull(card);
        Assert.Equal([IdentifierKind.Phone, IdentifierKind.Email, IdentifierKind.AccountId], card.Identifiers.Select(i => i.Kind));
        var deliveryOnly = people.First(p => p.AccountId is null);
        var (_, deliveryCard) = await directory.FindAsync(deliveryOnly.Phone);
        Assert.NotNull(deliveryCard);
        Assert.Equal([IdentifierKind.Phone], deliveryCard.Identifiers.Select(i => i.Kind));
        Assert.True(card.Identifiers.Single(i => i.Kind == IdentifierKind.Phone).IsVerified, "account holders confirmed their phone");
        Assert.False(deliveryCard.Identifiers.Single().IsVerified);
        Assert.Equal(PrivacyPortal.Shared.Masking.Phone(deliveryOnly.Phone), deliveryCard.Identifiers.Single().Masked);
        Assert.DoesNotContain(deliveryOnly.Phone, deliveryCard.Identifiers.Single().Masked);
        Assert.NotEqual(card.Id, deliveryCard.Id);
        var keys = await directory.KeysAsync(card.Id);
        var person = people.Single(p => p.Phone == customerPhone);
        Assert.Equal([person.Phone, person.Email, person.AccountId], keys.Keys.Select(k => k.Value));

        // Consent history: essential purposes for everyone, some optional ones given, a few withdrawn.
        var consents = await db.Set<ConsentRecord>().AsNoTracking().ToListAsync();
        Assert.Equal(people.Count, consents.Where(c => c.PurposeId == 1 && c.Given).Select(c => c.SubjectId).Distinct().Count());
        Assert.Contains(consents, c => c.PurposeId == 5 && c.Given);
        Assert.Contains(consents, c => !c.Given);
        Assert.All(consents, c => Assert.Contains(c.PolicyVersion, new[] { "2025.1", "2026.1" }));
        Assert.DoesNotContain(consents, c => !c.Given && c.PurposeId is 1 or 4);

        var disclosures = await db.Set<Disclosure>().Include(d => d.Subjects).AsNoTracking().ToListAsync();
        Assert.Equal(2, disclosures.Count);
        Assert.Single(disclosures, d => d.InformedAtUtc is not null && d.Subjects.Count == 2);
        Assert.Single(disclosures, d => d.InformedAtUtc is null && d.InformNotBeforeUtc > Now.UtcDateTime);
        Assert.All(disclosures, d => Assert.Equal(DisclosureBasis.GovernmentRequest, d.Basis));

        // One audit event by the admin, with counts and no personal value.
        var audit = await db.Set<AuditEvent>().AsNoTracking().SingleAsync(e => e.Action == InventoryDemoActions.Generated);
        Assert.Equal("admin-1", audit.ActorId);
        Assert.Contains($"\"subjects\":{people.Count}", audit.Detail);
        Assert.DoesNotContain(customerPhone, audit.Detail);
    }
}
