namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>
/// Why a message is sent, and the placeholders its templates may use. A template is rendered with the sample
/// values before it is saved, so a placeholder the sender will not supply is refused at save time.
/// </summary>
public sealed record NotificationPurpose(string Name, IReadOnlyList<NotificationPlaceholder> Placeholders)
{
    /// <summary>Placeholders a body must use: what the law requires every message of this purpose to say.</summary>
    public IReadOnlyList<string> RequiredInBody { get; init; } = [];

    /// <summary>Placeholders whose values open something (one-time codes, access links): never stored in clear nor shown to staff (<see cref="MessageSecrets"/>).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public IReadOnlyDictionary<string, string> Samples(string language) =>
        Placeholders.ToDictionary(p => p.Name, p => language == NotificationLanguages.English ? p.SampleEn : p.SampleZh, StringComparer.Ordinal);
}

public sealed record NotificationPlaceholder(string Name, string SampleZh, string SampleEn);

public static class NotificationPurposes
{
    public const string RequestAcknowledgement = nameof(RequestAcknowledgement);
    public const string Test = nameof(Test);
    public const string IncidentAnnouncement = nameof(IncidentAnnouncement);
    public const string ClockAlert = nameof(ClockAlert);
    public const string VerificationCode = nameof(VerificationCode);
    public const string AccessDelivery = nameof(AccessDelivery);
    public const string RequestClosing = nameof(RequestClosing);
    public const string RecipientDeletionNotice = nameof(RecipientDeletionNotice);
    public const string RequestExtension = nameof(RequestExtension);
    public const string RequestFee = nameof(RequestFee);
    public const string ConsentWithdrawnNotice = nameof(ConsentWithdrawnNotice);
    public const string BreachNotice = nameof(BreachNotice);
    public const string PolicyChangeNotice = nameof(PolicyChangeNotice);
    public const string TransferNotice = nameof(TransferNotice);

    public static readonly IReadOnlyList<NotificationPurpose> All =
    [
        new(RequestAcknowledgement,
        [
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("request_type", "删除", "deletion"),
            new("due_date", "2026-12-18", "18 December 2026"),
            new("hotline", "400-820-1234", "400-820-1234"),
        ]),
        new(Test,
        [
            new("sent_by", "合规专员 王芳", "Compliance officer Wang Fang"),
            new("sent_at", "2026-11-27 10:30", "27 Nov 2026, 10:30"),
        ]),
        // To the compliance team when a deadline is close or has passed (Clocks:AlertRecipients).
        new(ClockAlert,
        [
            new("status", "即将到期", "due soon"),
            new("obligation", "答复权利请求（目标时限）", "Answer a data-subject request (target)"),
            new("reference", "权利请求 · PR-2026-000123", "Request · PR-2026-000123"),
            new("due", "2026-12-18 23:59", "2026-12-18 23:59"),
            new("source", "GB/T 35273-2020 §8.7", "GB/T 35273-2020 §8.7"),
        ]),
        // Breach announcements (SPEC 3.4): PIPL art. 57 and GB/T 35273 §10.2 list what the notice must contain.
        new(IncidentAnnouncement,
        [
            new("incident_title", "关于部分用户联系信息可能泄露的公告", "Notice of a possible exposure of some customers' contact details"),
            new("what_happened", "2026年11月20日，我们发现一台测试服务器存在未授权访问。", "On 20 November 2026 we found unauthorised access to a test server."),
            new("data_categories", "姓名、手机号码", "names and mobile numbers"),
            new("actions_taken", "我们已关闭该服务器，并已向主管部门报告。", "We shut the server down and reported the incident to the regulator."),
            new("advice", "请警惕冒充客服的来电和短信，不要向任何人透露验证码。", "Be wary of calls and texts that claim to come from us, and never share a verification code."),
            new("contact", "个人信息保护负责人：privacy@example.test，400-820-1234", "Data protection officer: privacy@example.test, 400-820-1234"),
        ]),
        // Identity verification (statement 6.3): a one-time code to an identifier already on file.
        new(VerificationCode,
        [
            new("code", "482913", "482913"),
            new("minutes", "10", "10"),
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("hotline", "400-820-1234", "400-820-1234"),
        ]) { Secrets = ["code"] },
        // An access request's package: a link that shows nothing until the code sent separately is entered.
        new(AccessDelivery,
        [
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("link", "https://privacy.example.test/delivery/abc123", "https://privacy.example.test/delivery/abc123"),
            new("code", "730152", "730152"),
            new("expires", "2026-12-05 18:00", "2026-12-05 18:00"),
            new("hotline", "400-820-1234", "400-820-1234"),
        ]) { Secrets = ["link", "code"] },
        // The answer that closes a case: what was done, what was not and why, how to complain (PIPL art. 50).
        new(RequestClosing,
        [
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("request_type", "删除", "deletion"),
            new("outcome", "已办结", "completed"),
            new("details", "我们已删除您在以下系统中的个人信息：客户关系管理系统、用户行为日志库。", "We deleted your personal information from these systems: CRM, usage logs."),
            new("not_done", "无", "Nothing."),
            new("hotline", "400-820-1234", "400-820-1234"),
        ]),
        // Statement 6.2: those we shared the data with are asked to delete it too.
        new(RecipientDeletionNotice,
        [
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("recipient", "某短信通道服务商", "SMS gateway provider"),
            new("subject_reference", "S-000123", "S-000123"),
            new("categories", "联系方式、设备及使用日志", "contact details, device and usage logs"),
            new("reply_by", "2026-12-18", "2026-12-18"),
        ]),
        // GDPR art. 12(3): a longer answer time is told to the person, with the reasons, within the first month.
        new(RequestExtension,
        [
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("due_date", "2027-02-18", "2027-02-18"),
            new("reason", "您的请求涉及多个系统中的大量记录，需要更多时间核对。", "Your request covers many records in several systems and needs more time to check."),
            new("hotline", "400-820-1234", "400-820-1234"),
        ]),
        // Statement 6.7: repeated requests may carry a cost-based fee; the answer clock waits until it is paid or waived.
        new(RequestFee,
        [
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("amount", "50.00", "50.00"),
            new("basis", "过去12个月内第6次调取通话记录，需人工从归档中恢复，按实际成本收取。", "The sixth call-record copy in 12 months, restored by hand from the archive, charged at cost."),
            new("hotline", "400-820-1234", "400-820-1234"),
        ]),
        // Statement 4 and 6.5: the owners of the systems that use a purpose stop using the person's data for it.
        new(ConsentWithdrawnNotice,
        [
            new("system", "营销短信平台", "Marketing SMS platform"),
            new("case_number", "PR-2026-000123", "PR-2026-000123"),
            new("subject_reference", "S-000123", "S-000123"),
            new("purposes", "向您推荐相关服务", "recommending related services"),
        ]),
        // Breach notice to each affected person: every item PIPL art. 57 and GB/T 35273 §10.2 require. Art. 57 (1)–(3):
        // the categories, cause and possible harm; the remedies taken and what the person can do; how to reach us.
        new(BreachNotice,
        [
            new("incident_title", "关于部分用户联系信息可能泄露的告知", "About a possible exposure of your contact details"),
            new("what_happened", "2026年11月20日，我们发现一台测试服务器存在未授权访问。", "On 20 November 2026 we found unauthorised access to a test server."),
            new("data_categories", "姓名、手机号码", "names and mobile numbers"),
            new("cause", "服务器访问控制配置错误。", "A wrong access-control setting on the server."),
            new("possible_harm", "您可能收到冒充我司的诈骗电话或短信。", "You may receive scam calls or texts pretending to be from us."),
            new("actions_taken", "我们已关闭该服务器，并已向主管部门报告。", "We shut the server down and reported the incident to the regulator."),
            new("advice", "请警惕冒充客服的来电和短信，不要向任何人透露验证码。", "Be wary of calls and texts that claim to come from us, and never share a verification code."),
            new("remedies", "我们为受影响用户免费提供一年的号码防骚扰服务。", "We offer affected customers a free year of our nuisance-call blocking service."),
            new("contact", "个人信息保护负责人：privacy@example.test，400-820-1234", "Data protection officer: privacy@example.test, 400-820-1234"),
        ]) { RequiredInBody = ["data_categories", "cause", "possible_harm", "actions_taken", "advice", "contact"] },
        // Statement clause 7: a policy change is told to the people it concerns, naming the version and what changed.
        new(PolicyChangeNotice,
        [
            new("policy_version", "2026.1", "2026.1"),
            new("effective_date", "2026-01-01", "1 January 2026"),
            new("changes_summary", "新增网络日志保存期限说明。", "We now say how long network logs are kept."),
            new("contact", "个人信息保护负责人：privacy@example.test，400-820-1234", "Data protection officer: privacy@example.test, 400-820-1234"),
        ]),
        // Statement 5.3 (PIPL art. 22): before personal information moves to another company in a merger or sale.
        new(TransferNotice,
        [
            new("recipient_name", "某某通信科技有限公司", "Example Communications Ltd."),
            new("recipient_contact", "privacy@recipient.example.test", "privacy@recipient.example.test"),
            new("reason", "业务合并", "a merger"),
            new("data_categories", "账号信息、联系方式", "account and contact details"),
            new("effective_date", "2027-03-01", "1 March 2027"),
            new("contact", "个人信息保护负责人：privacy@example.test，400-820-1234", "Data protection officer: privacy@example.test, 400-820-1234"),
        ]),
    ];

    public static NotificationPurpose? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>How soon a single message of this purpose must leave; campaign rows are always <see cref="OutboxPriority.Campaign"/>.</summary>
    public static OutboxPriority PriorityOf(string purpose) => purpose switch
    {
        VerificationCode or AccessDelivery => OutboxPriority.Urgent,
        ClockAlert or Test => OutboxPriority.Staff,
        _ => OutboxPriority.Individual,
    };
}
