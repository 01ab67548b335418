using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Incidents.Breaches;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Tests.Inventory;

namespace PrivacyPortal.Tests.Breaches;

/// <summary>Generated incidents and identifier files (reserved domains, test-looking numbers).</summary>
internal static class BreachTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public const string OfficerA = "officer-a";
    public const string OfficerB = "officer-b";

    /// <summary>A service as resolved in a scope where <paramref name="actorId"/> is signed in.</summary>
    public static T As<T>(this ServiceHarness harness, string actorId) where T : notnull
    {
        var scope = harness.Get<IServiceScopeFactory>().CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActingAs = actorId;
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    public static async Task<int> SystemAsync(ServiceHarness harness, string name = "用户行为日志库")
    {
        var saved = await harness.Get<SystemService>().SaveAsync(InventoryTestData.NewSystem(name, StorageRegions.MainlandChina, 2, 3));
        Assert.True(saved.Errors.IsValid, string.Join(", ", saved.Errors));
        return saved.Id!.Value;
    }

    public static BreachInput Input(int systemId, long? estimate = null, bool eu = false, params int[] categories) => new(
        "测试服务器日志未授权访问", "发现一台测试服务器上的使用日志可被未授权访问。", Now.UtcDateTime.AddHours(-1), "安全运营中心",
        Now.UtcDateTime.AddDays(-2), Now.UtcDateTime.AddHours(-2), "日志审计告警", "访问控制配置错误", "", "已关闭外网访问并重置凭据。",
        eu, false, estimate, [systemId], categories.Length == 0 ? [2, 3] : categories);

    public static async Task<long> IncidentAsync(ServiceHarness harness, long? estimate = null, bool eu = false, params int[] categories)
    {
        var system = await SystemAsync(harness);
        var (errors, id) = await harness.As<BreachService>(OfficerA).CreateAsync(Input(system, estimate, eu, categories));
        Assert.True(errors.IsValid, string.Join(", ", errors));
        return id!.Value;
    }

    public static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary><paramref name="count"/> distinct generated e-mail addresses, one a line, with a header.</summary>
    public static MemoryStream Emails(int count, int from = 0)
    {
        var builder = new StringBuilder("type,value\n");
        for (var i = from; i < from + count; i++)
        {
            builder.Append("email,user").Append(i).Append("@example.com\n");
        }
        return Csv(builder.ToString());
    }
}
