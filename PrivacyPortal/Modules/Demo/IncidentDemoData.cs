using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Setup;
using PrivacyPortal.Modules.Incidents.Breaches;

namespace PrivacyPortal.Modules.Demo;

/// <summary>
/// Three open incidents recorded by the demo compliance officer, so a development portal shows the duties an incident
/// carries from registration: a 较大 leak with its 4 h CAC report running, a small 一般 one whose report is overdue until
/// someone records it as below the threshold, and a ransomware attack on critical infrastructure with a suspected crime.
/// </summary>
internal sealed class IncidentDemoData(IDbContextFactory<PortalDbContext> contexts, BreachService breaches, CurrentActor actor, TimeProvider time) : IDemoDataContributor
{
    /// <summary>After the inventory (20): incidents name its systems.</summary>
    public int Order => 30;

    public async Task ContributeAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var systems = await db.Set<DataSystem>().ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var categories = await db.Set<DataCategory>().ToDictionaryAsync(c => c.Key, c => c.Id, cancellationToken);
        var officer = await db.Users.Where(u => u.Email == "compliance@demo.privacy-portal.test").Select(u => u.Id).SingleAsync(cancellationToken);
        var previous = actor.ActingAs;
        actor.ActingAs = officer;
        try
        {
            var leak = await CreateAsync(new BreachInput(
                "海外短信网关日志疑似外泄", "安全运营中心监测到短信网关日志的导出文件出现在外部文件分享站点。", now.AddHours(-2), "安全运营中心",
                now.AddDays(-3), now.AddHours(-3), "外部威胁情报通报", "运维账号凭据疑似泄露", "", "已下线导出接口，轮换运维凭据，通知文件分享站点删除文件。",
                EuResidents: false, CriticalInfrastructure: false, EstimatedAffected: 1_200_000,
                [systems[InventoryDemoData.SmsGatewayName]], [categories[DataCategories.Contact], categories[DataCategories.DeviceUsage]]), cancellationToken);
            await GradeAsync(leak, BreachGrade.Larger, cancellationToken);

            var small = await CreateAsync(new BreachInput(
                "测试库误开放公网访问", "测试环境数据库安全组配置错误，约 40 条用户行为日志可被公网访问约 2 小时。", now.AddDays(-1), "运维部",
                now.AddDays(-1).AddHours(-2), now.AddDays(-1), "巡检发现", "安全组配置错误", "安全组配置错误", "已关闭公网访问并核查访问日志，未发现外部下载。",
                EuResidents: false, CriticalInfrastructure: false, EstimatedAffected: 40,
                [systems[InventoryDemoData.UsageName]], [categories[DataCategories.DeviceUsage]]), cancellationToken);
            await GradeAsync(small, BreachGrade.General, cancellationToken);

            await CreateAsync(new BreachInput(
                "呼叫中心系统遭勒索软件攻击", "呼叫中心坐席系统多台服务器文件被加密，攻击者留下勒索信。", now.AddMinutes(-30), "网络安全部",
                now.AddHours(-1), null, "终端防护告警", "疑似通过远程桌面弱口令入侵", "", "已隔离受影响服务器，切换至备用坐席系统。",
                EuResidents: false, CriticalInfrastructure: true, EstimatedAffected: null,
                [systems[InventoryDemoData.CrmName]], [categories[DataCategories.AccountIdentity], categories[DataCategories.Contact]], SuspectedCrime: true), cancellationToken);
        }
        finally
        {
            actor.ActingAs = previous;
        }
    }

    private async Task<long> CreateAsync(BreachInput input, CancellationToken cancellationToken)
    {
        var (errors, id) = await breaches.CreateAsync(input, cancellationToken);
        return id ?? throw new InvalidOperationException("Demo incident refused: " + string.Join(", ", errors));
    }

    private async Task GradeAsync(long id, BreachGrade grade, CancellationToken cancellationToken)
    {
        var view = await breaches.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException("Demo incident missing.");
        var (errors, outcome) = await breaches.GradeAsync(id, view.Incident.Version, grade, grade == view.Suggested ? null : "演示数据", cancellationToken);
        if (outcome != BreachChange.Done)
        {
            throw new InvalidOperationException($"Demo incident not graded: {outcome} {string.Join(", ", errors)}");
        }
    }
}
