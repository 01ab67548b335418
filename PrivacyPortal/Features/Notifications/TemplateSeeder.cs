using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Features.Notifications;

/// <summary>
/// The shipped texts, written at startup for every purpose and language that has none yet. An edited template
/// is never overwritten; a new purpose in a later release gets its text on the next start.
/// </summary>
public sealed class TemplateSeeder(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    public static readonly IReadOnlyList<(string Purpose, string Language, string Subject, string Body)> Shipped =
    [
        (NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese,
            "【权利请求受理通知】我们已收到您的请求（受理编号：{{ case_number }}）",
            """
            尊敬的用户：

            您好！我们已收到您提交的个人信息{{ request_type }}请求，受理编号为 {{ case_number }}。

            我们将在完成身份验证后依法处理您的请求，并于 {{ due_date }} 前答复处理结果。如需补充材料或查询进度，请拨打客服热线 {{ hotline }}，并提供上述受理编号。

            本消息由系统自动发送，请勿直接回复。

            个人信息保护团队
            """),
        (NotificationPurposes.RequestAcknowledgement, NotificationLanguages.English,
            "We've received your privacy request (ref. {{ case_number }})",
            """
            Hello,

            Thank you for getting in touch. We have received your {{ request_type }} request, reference {{ case_number }}.

            Once we have verified your identity, we will deal with your request and reply by {{ due_date }}. If you need to send us more information or want to check on progress, call us on {{ hotline }} and quote your reference.

            This message was sent automatically, so please don't reply to it.

            The Privacy Team
            """),
        (NotificationPurposes.ClockAlert, NotificationLanguages.Chinese,
            "【时限{{ status }}】{{ obligation }}（{{ reference }}）",
            """
            {{ reference }} 的时限{{ status }}。

            义务：{{ obligation }}
            截止时间：{{ due }}（北京时间）
            依据：{{ source }}

            请登录个人信息保护平台处理，或在时限页面记录暂停、延长的原因。
            """),
        (NotificationPurposes.ClockAlert, NotificationLanguages.English,
            "Deadline {{ status }}: {{ obligation }} ({{ reference }})",
            """
            The deadline for {{ reference }} is {{ status }}.

            Obligation: {{ obligation }}
            Due: {{ due }} (China Standard Time)
            Source: {{ source }}

            Please deal with it in the Privacy Portal, or record why the clock is paused or extended on the deadlines page.
            """),
        (NotificationPurposes.Test, NotificationLanguages.Chinese,
            "【测试】通知渠道测试消息",
            """
            这是一条测试消息，用于确认通知渠道配置正常，无需回复。

            发送人：{{ sent_by }}
            发送时间：{{ sent_at }}
            """),
        (NotificationPurposes.Test, NotificationLanguages.English,
            "Test message from the Privacy Portal",
            """
            This is a test message to check that the notification channel works. There's no need to reply.

            Sent by: {{ sent_by }}
            Sent at: {{ sent_at }}
            """),
        (NotificationPurposes.IncidentAnnouncement, NotificationLanguages.Chinese,
            "{{ incident_title }}",
            """
            尊敬的用户：

            {{ what_happened }}

            涉及的个人信息类型：{{ data_categories }}。

            我们已采取的处置措施：{{ actions_taken }}

            安全提示：{{ advice }}

            如有疑问，请联系{{ contact }}。

            特此公告。
            """),
        (NotificationPurposes.IncidentAnnouncement, NotificationLanguages.English,
            "{{ incident_title }}",
            """
            Dear customer,

            {{ what_happened }}

            The information involved: {{ data_categories }}.

            What we have done: {{ actions_taken }}

            What you can do: {{ advice }}

            If you have any questions, please contact our {{ contact }}.
            """),
    ];

    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Set<NotificationTemplate>().Select(t => new { t.Purpose, t.Language }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var (purpose, language, subject, body) in Shipped)
        {
            if (existing.Any(e => e.Purpose == purpose && e.Language == language))
            {
                continue;
            }
            db.Add(new NotificationTemplate { Purpose = purpose, Language = language, Subject = subject, Body = body.ReplaceLineEndings("\n"), Version = 1, UpdatedAtUtc = now });
            added++;
        }
        if (added == 0)
        {
            return 0;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same moment seeded them first.
            return 0;
        }
        return added;
    }
}

internal sealed class TemplateSeedingService(TemplateSeeder seeder, ILogger<TemplateSeedingService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var added = await seeder.SeedAsync(cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Seeded {Count} notification templates", added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
