using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Foundation.Notifications;

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
        (NotificationPurposes.VerificationCode, NotificationLanguages.Chinese,
            "【身份验证】您的验证码",
            """
            您的身份验证码为 {{ code }}，{{ minutes }} 分钟内有效，用于办理受理编号 {{ case_number }} 的个人信息权利请求。请勿将验证码告知他人；我们的工作人员不会向您索要验证码以外的密码。如非本人操作，请拨打 {{ hotline }}。
            """),
        (NotificationPurposes.VerificationCode, NotificationLanguages.English,
            "Your verification code",
            """
            Your verification code is {{ code }}. It is valid for {{ minutes }} minutes and is for privacy request {{ case_number }}. Don't share it with anyone. If you didn't ask for it, call us on {{ hotline }}.
            """),
        (NotificationPurposes.AccessDelivery, NotificationLanguages.Chinese,
            "【个人信息副本】受理编号 {{ case_number }}",
            """
            尊敬的用户：

            您申请查阅、复制的个人信息副本已准备好（受理编号：{{ case_number }}）。请在 {{ expires }}（北京时间）前打开以下链接下载：

            {{ link }}

            下载时需输入提取码 {{ code }}。链接仅可下载一次，过期失效。如有疑问，请拨打客服热线 {{ hotline }}。

            个人信息保护团队
            """),
        (NotificationPurposes.AccessDelivery, NotificationLanguages.English,
            "Your copy of your personal information (ref. {{ case_number }})",
            """
            Hello,

            The copy of your personal information you asked for is ready (reference {{ case_number }}). Download it before {{ expires }} (China Standard Time) from:

            {{ link }}

            You will need the code {{ code }}. The link works once and then expires. If you have questions, call us on {{ hotline }}.

            The Privacy Team
            """),
        (NotificationPurposes.RequestClosing, NotificationLanguages.Chinese,
            "【权利请求办理结果】受理编号 {{ case_number }}",
            """
            尊敬的用户：

            您提交的个人信息{{ request_type }}请求（受理编号：{{ case_number }}）处理结果：{{ outcome }}。

            已办理事项：{{ details }}
            未能办理的事项及理由：{{ not_done }}

            请注意：已删除的信息可能暂时保留在备份系统中，将在备份更新时删除（隐私声明 6.2）。如您对处理结果有异议，可拨打客服热线 {{ hotline }} 提出，也可依法向履行个人信息保护职责的部门投诉、举报。

            个人信息保护团队
            """),
        (NotificationPurposes.RequestClosing, NotificationLanguages.English,
            "The outcome of your privacy request (ref. {{ case_number }})",
            """
            Hello,

            Your {{ request_type }} request (reference {{ case_number }}) is {{ outcome }}.

            What we did: {{ details }}
            What we could not do, and why: {{ not_done }}

            Deleted information may remain in backups for a while and is removed when the backups are renewed (privacy statement 6.2). If you disagree with the outcome, call us on {{ hotline }}; you may also complain to the authority that protects personal information.

            The Privacy Team
            """),
        (NotificationPurposes.RecipientDeletionNotice, NotificationLanguages.Chinese,
            "【删除通知】请删除个人信息（{{ case_number }}）",
            """
            {{ recipient }}：

            根据个人信息主体的删除请求（受理编号：{{ case_number }}，主体编号：{{ subject_reference }}），请删除我方向贵方提供的该主体的以下个人信息：{{ categories }}。

            请于 {{ reply_by }} 前回复确认删除完成情况。本通知依据双方协议及《个人信息保护法》第四十七条发出。

            个人信息保护团队
            """),
        (NotificationPurposes.RecipientDeletionNotice, NotificationLanguages.English,
            "Deletion notice: please delete personal information ({{ case_number }})",
            """
            To {{ recipient }},

            Following a deletion request from the data subject (case {{ case_number }}, subject reference {{ subject_reference }}), please delete the following personal information we provided to you about them: {{ categories }}.

            Please confirm the deletion by {{ reply_by }}. This notice is sent under our agreement and PIPL art. 47.

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
        (NotificationPurposes.RequestExtension, NotificationLanguages.Chinese,
            "【答复期限延长通知】受理编号 {{ case_number }}",
            """
            尊敬的用户：

            您提交的个人信息权利请求（受理编号：{{ case_number }}）需要延长答复期限，我们将于 {{ due_date }} 前答复处理结果。

            延期原因：{{ reason }}

            如有疑问，请拨打客服热线 {{ hotline }}。

            个人信息保护团队
            """),
        (NotificationPurposes.RequestExtension, NotificationLanguages.English,
            "We need more time to answer your privacy request (ref. {{ case_number }})",
            """
            Hello,

            We need more time to answer your privacy request (reference {{ case_number }}). You will have our answer by {{ due_date }}.

            Why: {{ reason }}

            If you have any questions, call us on {{ hotline }}.

            The Privacy Team
            """),
        (NotificationPurposes.RequestFee, NotificationLanguages.Chinese,
            "【权利请求收费通知】受理编号 {{ case_number }}",
            """
            尊敬的用户：

            您在过去12个月内多次提出个人信息权利请求。根据隐私声明第6.7条，对于重复或超出合理限度的请求，我们将视情况收取一定的成本费用。本次请求（受理编号：{{ case_number }}）的费用为人民币 {{ amount }} 元。

            费用依据：{{ basis }}

            答复期限自您缴费之日起继续计算。如对费用有异议或需了解缴费方式，请拨打客服热线 {{ hotline }}。

            个人信息保护团队
            """),
        (NotificationPurposes.RequestFee, NotificationLanguages.English,
            "A fee for your privacy request (ref. {{ case_number }})",
            """
            Hello,

            You have made several privacy requests in the last 12 months. Under clause 6.7 of our privacy statement, repeated or excessive requests may carry a fee that covers our costs. The fee for this request (reference {{ case_number }}) is CNY {{ amount }}.

            How we worked it out: {{ basis }}

            The time we have to answer starts running again once the fee is paid. To query the fee or to find out how to pay, call us on {{ hotline }}.

            The Privacy Team
            """),
        (NotificationPurposes.ConsentWithdrawnNotice, NotificationLanguages.Chinese,
            "【撤回同意】请停止处理（{{ case_number }}）",
            """
            {{ system }} 负责人：

            个人信息主体（主体编号：{{ subject_reference }}）已撤回对以下使用目的的同意：{{ purposes }}（受理编号：{{ case_number }}）。

            请立即停止为上述目的处理该主体的个人信息。撤回同意不影响撤回前基于同意已进行的处理。

            个人信息保护团队
            """),
        (NotificationPurposes.ConsentWithdrawnNotice, NotificationLanguages.English,
            "Consent withdrawn: stop processing ({{ case_number }})",
            """
            To the owner of {{ system }},

            The data subject {{ subject_reference }} has withdrawn consent for: {{ purposes }} (case {{ case_number }}).

            Stop processing their personal information for these purposes now. Processing carried out before the withdrawal is not affected.

            The Privacy Team
            """),
        (NotificationPurposes.BreachNotice, NotificationLanguages.Chinese,
            "【个人信息安全事件告知】{{ incident_title }}",
            """
            尊敬的用户：

            {{ what_happened }}

            涉及的个人信息种类：{{ data_categories }}
            事件原因：{{ cause }}
            可能造成的危害：{{ possible_harm }}
            我们已采取的补救措施：{{ actions_taken }}
            您可以采取的措施（安全建议）：{{ advice }}
            我们提供的补救方式：{{ remedies }}

            如有疑问，请联系{{ contact }}。

            个人信息保护团队
            """),
        (NotificationPurposes.BreachNotice, NotificationLanguages.English,
            "{{ incident_title }}",
            """
            Dear customer,

            {{ what_happened }}

            Information involved: {{ data_categories }}
            Cause: {{ cause }}
            Possible harm: {{ possible_harm }}
            What we have done: {{ actions_taken }}
            What you can do: {{ advice }}
            What we offer you: {{ remedies }}

            If you have questions, contact our {{ contact }}.

            The Privacy Team
            """),
        (NotificationPurposes.PolicyChangeNotice, NotificationLanguages.Chinese,
            "【隐私政策更新】第 {{ policy_version }} 版将于 {{ effective_date }} 生效",
            """
            尊敬的用户：

            我们更新了隐私政策（第 {{ policy_version }} 版），自 {{ effective_date }} 起生效。主要变更：

            {{ changes_summary }}

            如有疑问，请联系{{ contact }}。

            个人信息保护团队
            """),
        (NotificationPurposes.PolicyChangeNotice, NotificationLanguages.English,
            "Our privacy policy changes on {{ effective_date }} (version {{ policy_version }})",
            """
            Dear customer,

            We have updated our privacy policy (version {{ policy_version }}), effective {{ effective_date }}. What changed:

            {{ changes_summary }}

            If you have questions, contact our {{ contact }}.

            The Privacy Team
            """),
        (NotificationPurposes.TransferNotice, NotificationLanguages.Chinese,
            "【个人信息转移告知】",
            """
            尊敬的用户：

            因{{ reason }}，自 {{ effective_date }} 起，您的个人信息（{{ data_categories }}）将转移至{{ recipient_name }}（联系方式：{{ recipient_contact }}）。接收方将继续履行本公司隐私政策中的义务；如接收方变更原先的处理目的、处理方式，将重新取得您的同意。

            如有疑问，请联系{{ contact }}。

            个人信息保护团队
            """),
        (NotificationPurposes.TransferNotice, NotificationLanguages.English,
            "Your personal information is moving to {{ recipient_name }}",
            """
            Dear customer,

            Because of {{ reason }}, from {{ effective_date }} your personal information ({{ data_categories }}) will be held by {{ recipient_name }} (contact: {{ recipient_contact }}). They remain bound by our privacy policy and will ask for your consent again before using it for a different purpose or in a different way.

            If you have questions, contact our {{ contact }}.

            The Privacy Team
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
