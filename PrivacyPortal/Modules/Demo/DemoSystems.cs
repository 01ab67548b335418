using System.Diagnostics;
using System.Globalization;
using Bogus;
using Microsoft.Data.Sqlite;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Subjects;
using SQLitePCL;
using PrivacyPortal.Modules.DataPlane.Inventory;

namespace PrivacyPortal.Modules.Demo;

/// <summary>
/// One generated person. The same person appears in several stores under the same phone and account id, as a
/// real customer does; the portal's subject directory knows them by the same identifiers.
/// </summary>
/// <param name="AccountId">Null for people who only asked for an offline delivery or trial and never opened an account.</param>
/// <param name="AccountClosedUtc">Set when the account was cancelled: the CRM row records the closing, and it and the usage logs remain until retention ends.</param>
public sealed record DemoPerson(
    int Number,
    string Name,
    string Phone,
    string? Email,
    string? AccountId,
    string? CompanyName,
    string City,
    string Address,
    DateTime SignedUpUtc,
    DateTime? AccountClosedUtc,
    bool InCrm,
    bool InUsage,
    int Deliveries);

public sealed record DemoSystemsOptions
{
    public int People { get; init; } = 200;

    /// <summary>Rows in <c>login_events</c> (about 20 per person by default); the bench raises this to millions.</summary>
    public int LoginEvents { get; init; } = 4_000;

    public int PageViews { get; init; } = 600;

    /// <summary>Rows in <c>deliveries</c>: one per delivery-only person, the rest spread over account holders.</summary>
    public int Deliveries { get; init; } = 60;

    public int Seed { get; init; } = DemoSystems.DefaultSeed;

    /// <summary>The instant the generated history ends at; the same seed and instant give the same stores.</summary>
    public DateTime NowUtc { get; init; } = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
}

public sealed record DemoSystemsResult(
    string Folder,
    IReadOnlyList<DemoPerson> People,
    int Customers,
    int LoginEvents,
    int PageViews,
    int Deliveries,
    TimeSpan LoginEventsElapsed,
    TimeSpan LoginEventsCpu,
    TimeSpan Elapsed)
{
    public string CrmPath => Path.Combine(Folder, DemoSystems.CrmFile);

    public string UsagePath => Path.Combine(Folder, DemoSystems.UsageFile);

    public string DeliveryPath => Path.Combine(Folder, DemoSystems.DeliveryFile);
}

/// <summary>
/// Three small SQLite databases that stand for the company's own systems in a development portal and in benches:
/// the account store (CRM), the usage-log store (logins with IMEI, IP, browser, GPS; page views) and the offline
/// delivery store. Generated people with zh_CN names, test-range mobile numbers (138/139) and e-mail on reserved
/// domains; values are stored the way the portal normalises them, so its connectors find them by exact match.
/// </summary>
public static class DemoSystems
{
    public const int DefaultSeed = 20261127;

    public const string CrmFile = "crm.db";
    public const string UsageFile = "usage.db";
    public const string DeliveryFile = "delivery.db";

    public static readonly IReadOnlyList<string> Files = [CrmFile, UsageFile, DeliveryFile];

    /// <summary>How the stores write instants: ISO-8601 UTC text, sortable, what most of the company's systems use.</summary>
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    public static string Timestamp(DateTime utc) => utc.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path) }.ToString();

    // ---- Mappings: where each store keeps personal information, in the format the database connector reads ----

    public static DatabaseMapping CrmMapping() => new()
    {
        Tables =
        [
            new TableMapping
            {
                Table = "customers",
                IdentifierColumns = [new("account_id", IdentifierKind.AccountId), new("phone", IdentifierKind.Phone), new("email", IdentifierKind.Email)],
                CategoryColumns = new()
                {
                    [DataCategories.AccountIdentity] = ["company_name", "contact_name"],
                    [DataCategories.Contact] = ["email", "phone"],
                },
                TimestampColumn = "created_at",
                AccountClosedColumn = "closed_at",
                // The row stays for contract and revenue totals; clearing every identifier unlinks it from the person.
                Erasure = ErasureAction.NullColumns,
                ErasureColumns = ["account_id", "company_name", "contact_name", "email", "phone"],
            },
        ],
    };

    public static DatabaseMapping UsageMapping() => new()
    {
        Tables =
        [
            new TableMapping
            {
                Table = "login_events",
                IdentifierColumns = [new("account_id", IdentifierKind.AccountId), new("phone", IdentifierKind.Phone)],
                CategoryColumns = new()
                {
                    [DataCategories.Contact] = ["phone"],
                    [DataCategories.DeviceUsage] = ["imei", "ip", "browser", "language", "device_model", "accessed_at"],
                    [DataCategories.PreciseLocation] = ["gps_lat", "gps_lng"],
                },
                TimestampColumn = "accessed_at",
                Erasure = ErasureAction.DeleteRow,
            },
            new TableMapping
            {
                Table = "page_views",
                IdentifierColumns = [new("account_id", IdentifierKind.AccountId)],
                CategoryColumns = new() { [DataCategories.Browsing] = ["url", "viewed_at"] },
                TimestampColumn = "viewed_at",
                Erasure = ErasureAction.DeleteRow,
            },
        ],
    };

    public static DatabaseMapping DeliveryMapping() => new()
    {
        Tables =
        [
            new TableMapping
            {
                Table = "deliveries",
                IdentifierColumns = [new("phone", IdentifierKind.Phone)],
                CategoryColumns = new() { [DataCategories.Delivery] = ["contact_name", "phone", "address", "city"] },
                TimestampColumn = "requested_at",
                Erasure = ErasureAction.DeleteRow,
            },
        ],
    };

    /// <summary>The mapping of each store, by file name.</summary>
    public static IReadOnlyDictionary<string, DatabaseMapping> Mappings() => new Dictionary<string, DatabaseMapping>
    {
        [CrmFile] = CrmMapping(),
        [UsageFile] = UsageMapping(),
        [DeliveryFile] = DeliveryMapping(),
    };

    // ---- Schema ----

    private const string CrmSchema = """
        CREATE TABLE customers (
            id           INTEGER PRIMARY KEY,
            account_id   TEXT UNIQUE,
            company_name TEXT,
            contact_name TEXT,
            email        TEXT,
            phone        TEXT,
            plan         TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            closed_at    TEXT
        );
        """;

    private const string CrmIndexes = """
        CREATE INDEX ix_customers_phone ON customers (phone);
        CREATE INDEX ix_customers_email ON customers (email);
        """;

    private const string UsageSchema = """
        CREATE TABLE login_events (
            id           INTEGER PRIMARY KEY,
            account_id   TEXT,
            phone        TEXT,
            imei         TEXT,
            ip           TEXT,
            browser      TEXT,
            language     TEXT,
            device_model TEXT,
            gps_lat      REAL,
            gps_lng      REAL,
            accessed_at  TEXT NOT NULL
        );
        CREATE TABLE page_views (
            id         INTEGER PRIMARY KEY,
            account_id TEXT,
            url        TEXT NOT NULL,
            viewed_at  TEXT NOT NULL
        );
        """;

    // Built after the bulk insert: filling a table and then sorting each index once is several times faster.
    private const string UsageIndexes = """
        CREATE INDEX ix_login_events_account_id ON login_events (account_id);
        CREATE INDEX ix_login_events_phone ON login_events (phone);
        CREATE INDEX ix_login_events_accessed_at ON login_events (accessed_at);
        CREATE INDEX ix_page_views_account_id ON page_views (account_id);
        CREATE INDEX ix_page_views_viewed_at ON page_views (viewed_at);
        """;

    private const string DeliverySchema = """
        CREATE TABLE deliveries (
            id           INTEGER PRIMARY KEY,
            contact_name TEXT,
            phone        TEXT,
            address      TEXT,
            city         TEXT,
            item         TEXT NOT NULL,
            requested_at TEXT NOT NULL
        );
        """;

    private const string DeliveryIndexes = """
        CREATE INDEX ix_deliveries_phone ON deliveries (phone);
        CREATE INDEX ix_deliveries_requested_at ON deliveries (requested_at);
        """;

    // ---- Generation ----

    /// <summary>Removes the three stores (and their journal files) from <paramref name="folder"/>.</summary>
    public static void Delete(string folder)
    {
        foreach (var file in Files)
        {
            var path = Path.Combine(folder, file);
            // A connector of this process may still hold a pooled connection to the old file.
            using (var connection = new SqliteConnection(ConnectionString(path)))
            {
                SqliteConnection.ClearPool(connection);
            }
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    /// <summary>Writes crm.db, usage.db and delivery.db into <paramref name="folder"/>; any old stores there are replaced.</summary>
    public static DemoSystemsResult Generate(string folder, DemoSystemsOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.People, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.LoginEvents);
        ArgumentOutOfRangeException.ThrowIfNegative(options.PageViews);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Deliveries);
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        Delete(folder);

        var people = Generator.Create(options);
        var customers = WriteCrm(Path.Combine(folder, CrmFile), people, options);
        var (logins, views, loginWall, loginCpu) = WriteUsage(Path.Combine(folder, UsageFile), people, options);
        var deliveries = WriteDeliveries(Path.Combine(folder, DeliveryFile), people, options);
        return new DemoSystemsResult(folder, people.Select(p => p.Person).ToList(), customers, logins, views, deliveries, loginWall, loginCpu, total.Elapsed);
    }

    /// <summary>The generated people alone (the same list <see cref="Generate"/> writes), for tests and other demo data.</summary>
    public static IReadOnlyList<DemoPerson> People(DemoSystemsOptions options) => Generator.Create(options).Select(p => p.Person).ToList();

    private static int WriteCrm(string path, IReadOnlyList<Generator.Profile> people, DemoSystemsOptions options)
    {
        using var connection = Open(path, CrmSchema);
        using var transaction = connection.BeginTransaction();
        using var insert = new RowWriter(connection,
            "INSERT INTO customers (account_id, company_name, contact_name, email, phone, plan, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        var random = new Random(options.Seed + 1);
        var count = 0;
        // Numbered in the order the accounts were opened.
        foreach (var person in people.Select(p => p.Person).Where(p => p.InCrm).OrderBy(p => p.SignedUpUtc).ThenBy(p => p.Number))
        {
            insert.Text(1, person.AccountId).Text(2, person.CompanyName).Text(3, person.Name).Text(4, person.Email).Text(5, person.Phone)
                .Text(6, Generator.Plans[random.Next(Generator.Plans.Length)]).Text(7, Timestamp(person.SignedUpUtc))
                .Text(8, person.AccountClosedUtc is { } closed ? Timestamp(closed) : null).Insert();
            count++;
        }
        transaction.Commit();
        Finish(connection, CrmIndexes);
        return count;
    }

    private static (int Logins, int Views, TimeSpan LoginWall, TimeSpan LoginCpu) WriteUsage(string path, IReadOnlyList<Generator.Profile> people, DemoSystemsOptions options)
    {
        var users = people.Where(p => p.Person.InUsage).ToArray();
        using var connection = Open(path, UsageSchema);
        using var transaction = connection.BeginTransaction();
        var logins = users.Length == 0 ? 0 : options.LoginEvents;
        var views = users.Length == 0 ? 0 : options.PageViews;

        // Timed for the bench: wall clock, and this process's CPU (the machine may be shared).
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var loginWatch = Stopwatch.StartNew();
        using (var insert = new RowWriter(connection,
            "INSERT INTO login_events (account_id, phone, imei, ip, browser, language, device_model, gps_lat, gps_lng, accessed_at) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        {
            var random = new Random(options.Seed + 2);
            for (var i = 0; i < logins; i++)
            {
                var user = users[random.Next(users.Length)];
                var device = user.Devices[random.Next(user.Devices.Length)];
                insert.Text(1, user.Person.AccountId).Text(2, user.Person.Phone).Text(3, device.Imei).Text(4, user.Ips[random.Next(user.Ips.Length)])
                    .Text(5, device.Browser).Text(6, user.Language).Text(7, device.Model);
                // Phones that allowed location report GPS; computers and refusals leave it empty.
                if (device.Imei is not null && random.Next(10) < 8)
                {
                    insert.Real(8, Math.Round(user.Lat + ((random.NextDouble() - 0.5) * 0.16), 6))
                        .Real(9, Math.Round(user.Lng + ((random.NextDouble() - 0.5) * 0.16), 6));
                }
                else
                {
                    insert.Null(8).Null(9);
                }
                insert.Timestamp(10, user.ActiveFrom.AddTicks((long)(random.NextDouble() * user.ActiveTicks))).Insert();
            }
        }
        loginWatch.Stop();
        var loginCpu = Environment.CpuUsage.TotalTime - cpuBefore;

        using (var insert = new RowWriter(connection, "INSERT INTO page_views (account_id, url, viewed_at) VALUES (?, ?, ?)"))
        {
            var random = new Random(options.Seed + 3);
            for (var i = 0; i < views; i++)
            {
                var user = users[random.Next(users.Length)];
                insert.Text(1, user.Person.AccountId).Text(2, Generator.Pages[random.Next(Generator.Pages.Length)])
                    .Timestamp(3, user.ActiveFrom.AddTicks((long)(random.NextDouble() * user.ActiveTicks))).Insert();
            }
        }
        transaction.Commit();
        Finish(connection, UsageIndexes);
        return (logins, views, loginWatch.Elapsed, loginCpu);
    }

    private static int WriteDeliveries(string path, IReadOnlyList<Generator.Profile> people, DemoSystemsOptions options)
    {
        using var connection = Open(path, DeliverySchema);
        using var transaction = connection.BeginTransaction();
        using var insert = new RowWriter(connection,
            "INSERT INTO deliveries (contact_name, phone, address, city, item, requested_at) VALUES (?, ?, ?, ?, ?, ?)");
        var random = new Random(options.Seed + 4);
        var now = options.NowUtc;
        var rows = new List<(DemoPerson Person, DateTime At)>();
        foreach (var person in people.Select(p => p.Person).Where(p => p.Deliveries > 0))
        {
            for (var i = 0; i < person.Deliveries; i++)
            {
                // The first request of someone without an account is what brought them in (their sign-up instant).
                rows.Add((person, person.AccountId is null && i == 0
                    ? person.SignedUpUtc
                    : person.SignedUpUtc.AddTicks((long)(random.NextDouble() * (now - person.SignedUpUtc).Ticks))));
            }
        }
        // In the order they came in, as the system numbered them.
        foreach (var (person, at) in rows.OrderBy(r => r.At).ThenBy(r => r.Person.Number))
        {
            insert.Text(1, person.Name).Text(2, person.Phone).Text(3, person.Address).Text(4, person.City)
                .Text(5, Generator.Items[random.Next(Generator.Items.Length)]).Timestamp(6, at).Insert();
        }
        transaction.Commit();
        Finish(connection, DeliveryIndexes);
        return rows.Count;
    }

    private static SqliteConnection Open(string path, string schema)
    {
        // No pooling: the generator must leave no open handle behind on files that may be deleted and rebuilt.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        // A fresh file that nobody reads yet: no rollback journal and no fsync while it is filled.
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
        Execute(connection, schema);
        return connection;
    }

    /// <summary>Indexes, statistics, then WAL (kept in the file) so connectors can read while another writes.</summary>
    private static void Finish(SqliteConnection connection, string indexes)
    {
        Execute(connection, indexes);
        Execute(connection, "ANALYZE; PRAGMA journal_mode=WAL;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One prepared INSERT, bound by position and reused for every row, through SQLitePCL.raw on the connection's
    /// handle: SqliteCommand looks each parameter up by name on every execution, which costs more than the insert
    /// itself at millions of rows (about 280,000 rows per CPU-second against 670,000 here).
    /// </summary>
    private sealed class RowWriter : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly sqlite3_stmt statement;

        public RowWriter(SqliteConnection connection, string sql)
        {
            this.connection = connection;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, sql, out statement), connection.Handle);
        }

        public RowWriter Text(int index, string? value) =>
            Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value));

        public RowWriter Real(int index, double value) => Check(raw.sqlite3_bind_double(statement, index, value));

        public RowWriter Null(int index) => Check(raw.sqlite3_bind_null(statement, index));

        /// <summary>UTF-8 straight into SQLite, without a string per row.</summary>
        public RowWriter Timestamp(int index, DateTime utc)
        {
            Span<byte> text = stackalloc byte[TimestampFormat.Length];
            utc.TryFormat(text, out var written, TimestampFormat, CultureInfo.InvariantCulture);
            return Check(raw.sqlite3_bind_text(statement, index, text[..written]));
        }

        public void Insert()
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }
            Check(raw.sqlite3_reset(statement));
        }

        private RowWriter Check(int rc)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            return this;
        }

        public void Dispose() => statement.Dispose();
    }

    /// <summary>The people and what each one's logs look like (devices, addresses, language): all from one seed.</summary>
    private static class Generator
    {
        public sealed record Device(string Model, string? Imei, string Browser);

        public sealed record Profile(DemoPerson Person, Device[] Devices, string[] Ips, string Language, double Lat, double Lng, DateTime ActiveFrom, long ActiveTicks);

        private sealed record City(string Name, double Lat, double Lng, string[] Districts);

        private static readonly City[] Cities =
        [
            new("北京市", 39.9042, 116.4074, ["朝阳区", "海淀区", "东城区", "丰台区"]),
            new("上海市", 31.2304, 121.4737, ["浦东新区", "徐汇区", "静安区", "闵行区"]),
            new("广州市", 23.1291, 113.2644, ["天河区", "越秀区", "海珠区", "番禺区"]),
            new("深圳市", 22.5431, 114.0579, ["南山区", "福田区", "宝安区", "龙岗区"]),
            new("杭州市", 30.2741, 120.1551, ["西湖区", "滨江区", "余杭区", "拱墅区"]),
            new("成都市", 30.5728, 104.0668, ["武侯区", "锦江区", "成华区", "青羊区"]),
            new("武汉市", 30.5928, 114.3055, ["洪山区", "江汉区", "武昌区", "江岸区"]),
            new("南京市", 32.0603, 118.7969, ["鼓楼区", "玄武区", "建邺区", "秦淮区"]),
            new("西安市", 34.3416, 108.9398, ["雁塔区", "碑林区", "未央区", "莲湖区"]),
            new("重庆市", 29.5630, 106.5516, ["渝中区", "江北区", "南岸区", "渝北区"]),
            new("苏州市", 31.2989, 120.5853, ["姑苏区", "工业园区", "吴中区", "相城区"]),
            new("天津市", 39.3434, 117.3616, ["和平区", "南开区", "河西区", "滨海新区"]),
        ];

        // Pinyin of the surnames Bogus' zh_CN locale draws from, for e-mail addresses people would really choose.
        private static readonly Dictionary<string, string> SurnamePinyin = new(StringComparer.Ordinal)
        {
            ["丁"] = "ding", ["万"] = "wan", ["严"] = "yan", ["尹"] = "yin", ["于"] = "yu", ["任"] = "ren", ["何"] = "he", ["余"] = "yu",
            ["侯"] = "hou", ["傅"] = "fu", ["冯"] = "feng", ["刘"] = "liu", ["卢"] = "lu", ["史"] = "shi", ["叶"] = "ye", ["吕"] = "lv",
            ["吴"] = "wu", ["周"] = "zhou", ["唐"] = "tang", ["夏"] = "xia", ["姚"] = "yao", ["姜"] = "jiang", ["孔"] = "kong", ["孙"] = "sun",
            ["孟"] = "meng", ["宋"] = "song", ["崔"] = "cui", ["廖"] = "liao", ["张"] = "zhang", ["彭"] = "peng", ["徐"] = "xu", ["戴"] = "dai",
            ["方"] = "fang", ["曹"] = "cao", ["曾"] = "zeng", ["朱"] = "zhu", ["李"] = "li", ["杜"] = "du", ["杨"] = "yang", ["林"] = "lin",
            ["梁"] = "liang", ["武"] = "wu", ["段"] = "duan", ["毛"] = "mao", ["江"] = "jiang", ["汪"] = "wang", ["沈"] = "shen", ["洪"] = "hong",
            ["潘"] = "pan", ["熊"] = "xiong", ["王"] = "wang", ["田"] = "tian", ["白"] = "bai", ["石"] = "shi", ["秦"] = "qin", ["程"] = "cheng",
            ["罗"] = "luo", ["胡"] = "hu", ["苏"] = "su", ["范"] = "fan", ["莫"] = "mo", ["萧"] = "xiao", ["董"] = "dong", ["蒋"] = "jiang",
            ["蔡"] = "cai", ["薛"] = "xue", ["袁"] = "yuan", ["覃"] = "qin", ["许"] = "xu", ["谢"] = "xie", ["谭"] = "tan", ["贺"] = "he",
            ["贾"] = "jia", ["赖"] = "lai", ["赵"] = "zhao", ["邓"] = "deng", ["邱"] = "qiu", ["邵"] = "shao", ["邹"] = "zou", ["郑"] = "zheng",
            ["郝"] = "hao", ["郭"] = "guo", ["金"] = "jin", ["钟"] = "zhong", ["钱"] = "qian", ["阎"] = "yan", ["陆"] = "lu", ["陈"] = "chen",
            ["陶"] = "tao", ["雷"] = "lei", ["韦"] = "wei", ["韩"] = "han", ["顾"] = "gu", ["马"] = "ma", ["高"] = "gao", ["魏"] = "wei",
            ["黄"] = "huang", ["黎"] = "li", ["龙"] = "long", ["龚"] = "gong",
        };

        private static readonly string[] Brands =
        [
            "云帆", "星辰", "博远", "启航", "华信", "鼎盛", "瑞达", "汇通", "智联", "恒泰", "嘉禾", "天润", "优品", "蓝海", "新维", "卓越",
            "中盈", "百川", "易达", "安信", "锦程", "远景", "领航", "聚源",
        ];

        private static readonly string[] Industries = ["科技", "信息技术", "网络科技", "电子商务", "物流", "教育科技", "文化传媒", "医疗科技", "贸易", "软件"];

        public static readonly string[] Plans = ["短信基础版", "短信企业版", "语音通知套餐", "云呼叫中心 20 坐席", "400 号码标准版", "隐私号套餐"];

        public static readonly string[] Items = ["400 电话试用套装", "呼叫中心坐席耳机", "SIP 话机", "短信网关测试卡", "语音网关设备", "纸质合同寄送"];

        public static readonly string[] Pages =
        [
            "https://console.example.cn/sms/send", "https://console.example.cn/sms/templates", "https://console.example.cn/sms/reports",
            "https://console.example.cn/voice/calls", "https://console.example.cn/callcenter/agents", "https://console.example.cn/400/numbers",
            "https://console.example.cn/billing/invoices", "https://console.example.cn/account/profile", "https://console.example.cn/account/security",
            "https://docs.example.cn/api/sms", "https://docs.example.cn/api/voice",
        ];

        private static readonly (string Model, string[] Browsers)[] Phones =
        [
            ("HUAWEI Mate 60 Pro", ["华为浏览器 15.0", "微信 8.0.54"]),
            ("HUAWEI P70", ["华为浏览器 15.0", "微信 8.0.54"]),
            ("Xiaomi 14", ["小米浏览器 18.4", "微信 8.0.54", "Chrome 132"]),
            ("Redmi K70", ["小米浏览器 18.4", "QQ浏览器 15.5"]),
            ("OPPO Reno11", ["Chrome 132", "UC浏览器 17.1"]),
            ("vivo X100", ["Chrome 132", "微信 8.0.54"]),
            ("Honor Magic6", ["Chrome 132", "QQ浏览器 15.5"]),
            ("iPhone 15", ["Safari 18.2", "微信 8.0.54"]),
            ("iPhone 16 Pro", ["Safari 18.2"]),
        ];

        private static readonly (string Model, string[] Browsers)[] Computers =
        [
            ("Windows 11 PC", ["Chrome 132", "Edge 132", "360安全浏览器 15"]),
            ("Windows 10 PC", ["Chrome 131", "Edge 131", "QQ浏览器 13.2"]),
            ("MacBook Pro", ["Safari 18.2", "Chrome 132"]),
        ];

        private static readonly int[] IpFirstOctets = [36, 39, 58, 59, 60, 61, 101, 106, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 180, 182, 183, 202, 210, 211, 218, 219, 220, 221, 222, 223];

        public static List<Profile> Create(DemoSystemsOptions options)
        {
            var (count, seed, now) = (options.People, options.Seed, options.NowUtc);
            var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
            var random = new Random(seed);
            var phones = new HashSet<string>(StringComparer.Ordinal);
            var emails = new HashSet<string>(StringComparer.Ordinal);
            var profiles = new List<Profile>(count);
            for (var number = 1; number <= count; number++)
            {
                // Who is where: one in twenty only asked for a delivery or trial (no account); one in fifty cancelled
                // the account (CRM row gone, logs kept until their retention ends); everyone else is a customer.
                var deliveryOnly = number % 20 == 0;
                var closed = !deliveryOnly && number % 50 == 25;
                var surname = faker.Name.LastName();
                var name = surname + faker.Name.FirstName();
                var city = Cities[random.Next(Cities.Length)];
                var address = $"{city.Districts[random.Next(city.Districts.Length)]}{faker.Address.StreetAddress()}{random.Next(1, 31)}栋{random.Next(1, 33)}{random.Next(1, 6):D2}室";
                string phone;
                do
                {
                    // 138/139 with eight random digits: clearly test-looking, mainland 11-digit form, no +86.
                    phone = (random.Next(2) == 0 ? "138" : "139") + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
                }
                while (!phones.Add(phone));
                var signedUp = now.AddDays(-random.Next(5, 900)).AddSeconds(-random.Next(86_400));
                DateTime? closedAt = closed ? now.AddDays(-random.Next(10, Math.Max(11, (int)(now - signedUp).TotalDays))) : null;
                if (closedAt <= signedUp)
                {
                    closedAt = signedUp.AddDays(1);
                }

                string? email = null;
                string? accountId = null;
                string? company = null;
                if (!deliveryOnly)
                {
                    var handle = SurnamePinyin.GetValueOrDefault(surname, "user");
                    do
                    {
                        email = $"{handle}{random.Next(10, 100_000).ToString(CultureInfo.InvariantCulture)}@{(random.Next(3) == 0 ? "example.com" : "example.cn")}";
                    }
                    while (!emails.Add(email));
                    // Unique by construction: 7919 is prime to 90,000,000, so the multiples never repeat.
                    accountId = "XZ" + (10_000_000 + ((long)number * 7919 % 90_000_000)).ToString(CultureInfo.InvariantCulture);
                    company = random.Next(10) == 0
                        ? null // individual developers have no company
                        : $"{city.Name[..^1]}{Brands[random.Next(Brands.Length)]}{Industries[random.Next(Industries.Length)]}有限公司";
                }
                var deliveries = deliveryOnly ? 1 : 0;
                var person = new DemoPerson(number, name, phone, email, accountId, company, city.Name, address, signedUp, closedAt,
                    InCrm: !deliveryOnly, InUsage: !deliveryOnly, deliveries);

                var phoneModel = Phones[random.Next(Phones.Length)];
                var devices = new List<Device> { new(phoneModel.Model, Imei(random), phoneModel.Browsers[random.Next(phoneModel.Browsers.Length)]) };
                if (random.Next(10) < 4)
                {
                    var computer = Computers[random.Next(Computers.Length)];
                    devices.Add(new Device(computer.Model, null, computer.Browsers[random.Next(computer.Browsers.Length)]));
                }
                var ips = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Ip(random)).ToArray();
                var language = random.Next(100) switch { < 88 => "zh-CN", < 94 => "en-US", < 98 => "zh-TW", _ => "ja-JP" };
                // Logs cover the last year of the account's life: rows older than 6 months are what retention purges.
                var activeTo = closedAt ?? now;
                var activeFrom = signedUp > activeTo.AddDays(-365) ? signedUp : activeTo.AddDays(-365);
                profiles.Add(new Profile(person, [.. devices], ips, language, city.Lat, city.Lng, activeFrom, Math.Max(0, (activeTo - activeFrom).Ticks)));
            }

            // Further deliveries go to customers (account holders who also ordered a device or a trial).
            return SpreadDeliveries(profiles, random, options.Deliveries);
        }

        private static List<Profile> SpreadDeliveries(List<Profile> profiles, Random random, int target)
        {
            var customers = profiles.Select((p, i) => (p, i)).Where(x => x.p.Person.InCrm).Select(x => x.i).ToArray();
            var extra = target - profiles.Sum(p => p.Person.Deliveries);
            var counts = new int[profiles.Count];
            for (var i = 0; i < extra && customers.Length > 0; i++)
            {
                counts[customers[random.Next(customers.Length)]]++;
            }
            return profiles.Select((p, i) => counts[i] == 0 ? p : p with { Person = p.Person with { Deliveries = p.Person.Deliveries + counts[i] } }).ToList();
        }

        /// <summary>15 digits: an 8-digit type allocation code, a 6-digit serial and the Luhn check digit, as a real IMEI has.</summary>
        private static string Imei(Random random)
        {
            Span<char> digits = stackalloc char[15];
            digits[0] = '8';
            digits[1] = '6';
            for (var i = 2; i < 14; i++)
            {
                digits[i] = (char)('0' + random.Next(10));
            }
            var sum = 0;
            for (var i = 0; i < 14; i++)
            {
                var d = digits[i] - '0';
                if (i % 2 == 1)
                {
                    d *= 2;
                    if (d > 9)
                    {
                        d -= 9;
                    }
                }
                sum += d;
            }
            digits[14] = (char)('0' + ((10 - (sum % 10)) % 10));
            return new string(digits);
        }

        private static string Ip(Random random) => string.Create(CultureInfo.InvariantCulture,
            $"{IpFirstOctets[random.Next(IpFirstOctets.Length)]}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}");
    }
}
