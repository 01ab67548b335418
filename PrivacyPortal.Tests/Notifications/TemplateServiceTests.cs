using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Foundation.Notifications;

namespace PrivacyPortal.Tests.Notifications;

public sealed class TemplateServiceTests : IAsyncLifetime
{
    private NotificationsHarness harness = default!;

    private TemplateService Templates => harness.Get<TemplateService>();

    public async Task InitializeAsync() => harness = await NotificationsHarness.CreateAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private async Task<TemplateRow> RowAsync(string purpose, string language) =>
        (await Templates.ListAsync()).Single(t => t.Purpose == purpose && t.Language == language);

    private static TemplateEdit Edit(TemplateRow row, string? subject = null, string? body = null) => new()
    {
        Id = row.Id, Purpose = row.Purpose, Language = row.Language, Subject = subject ?? row.Subject, Body = body ?? row.Body, Version = row.Version,
    };

    [Fact]
    public async Task Every_shipped_template_renders_with_its_sample_data_in_both_languages()
    {
        var rows = await Templates.ListAsync();

        Assert.Equal(NotificationPurposes.All.Count * 2, rows.Count);
        foreach (var row in rows)
        {
            var preview = Templates.Preview(row.Purpose, row.Language, row.Subject, row.Body);
            Assert.True(preview.Errors.IsValid, $"{row.Purpose}/{row.Language}: {string.Join(", ", preview.Details.Values)}");
            Assert.DoesNotContain("{{", preview.Body, StringComparison.Ordinal);
            if (row.Language == NotificationLanguages.Chinese)
            {
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", preview.Body!);
            }
        }
        var ack = await RowAsync(NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese);
        var body = Templates.Preview(ack.Purpose, ack.Language, ack.Subject, ack.Body).Body!;
        Assert.Contains("PR-2026-000123", body, StringComparison.Ordinal);
        Assert.Contains("400-820-1234", body, StringComparison.Ordinal);
        Assert.Contains("2026-12-18", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_syntax_is_refused_with_a_message_at_the_field_and_nothing_is_saved()
    {
        var row = await RowAsync(NotificationPurposes.RequestAcknowledgement, NotificationLanguages.English);

        var result = await Templates.SaveAsync(Edit(row, body: "Your reference is {{ case_number "));

        Assert.Equal(TemplateSaveOutcome.Invalid, result.Outcome);
        Assert.Equal(["Body"], result.Errors.Keys);
        Assert.Equal("Notifications.Error.Syntax", result.Errors.For("Body"));
        Assert.False(string.IsNullOrWhiteSpace(result.Details["Body"]));
        var after = await RowAsync(row.Purpose, row.Language);
        Assert.Equal((row.Body, row.Version), (after.Body, after.Version));
    }

    [Fact]
    public async Task An_unknown_placeholder_is_refused_naming_it_and_nothing_is_saved()
    {
        var row = await RowAsync(NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese);

        var result = await Templates.SaveAsync(Edit(row, subject: "{{ customer_name }}，您好：受理编号 {{ case_number }}"));

        Assert.Equal(TemplateSaveOutcome.Invalid, result.Outcome);
        Assert.Equal("Notifications.Error.UnknownPlaceholder", result.Errors.For("Subject"));
        Assert.Equal("customer_name", result.Details["Subject"]);
        Assert.Equal(row.Subject, (await RowAsync(row.Purpose, row.Language)).Subject);
    }

    [Fact]
    public async Task A_breach_notice_without_every_item_PIPL_article_57_requires_is_refused_naming_what_is_missing()
    {
        var row = await RowAsync(NotificationPurposes.BreachNotice, NotificationLanguages.Chinese);

        var result = await Templates.SaveAsync(Edit(row, body: "{{ what_happened }}\n请警惕诈骗电话。联系方式：{{contact}}"));

        Assert.Equal(TemplateSaveOutcome.Invalid, result.Outcome);
        Assert.Equal("Notifications.Error.MissingRequired", result.Errors.For("Body"));
        Assert.Equal("data_categories, cause, possible_harm, actions_taken, advice", result.Details["Body"]);
        Assert.Equal(row.Body, (await RowAsync(row.Purpose, row.Language)).Body);

        // Every item present (in any order, trimmed or not): saved.
        var complete = await Templates.SaveAsync(Edit(row, body: "{{ what_happened }}\n涉及：{{ data_categories }}；原因：{{ cause }}；可能影响：{{- possible_harm }}\n"
            + "我们已：{{ actions_taken }}\n建议您：{{ advice }}\n联系：{{ contact }}"));
        Assert.Equal(TemplateSaveOutcome.Saved, complete.Outcome);
    }

    [Fact]
    public async Task An_unknown_filter_is_refused_as_a_syntax_error()
    {
        var row = await RowAsync(NotificationPurposes.Test, NotificationLanguages.English);

        var result = await Templates.SaveAsync(Edit(row, body: "Sent by {{ sent_by | shout }}"));

        Assert.Equal("Notifications.Error.Syntax", result.Errors.For("Body"));
    }

    [Fact]
    public async Task A_save_from_a_stale_copy_is_refused_and_only_the_first_save_is_audited()
    {
        var row = await RowAsync(NotificationPurposes.Test, NotificationLanguages.Chinese);

        var first = await Templates.SaveAsync(Edit(row, body: "测试消息，发送人：{{ sent_by }}"));
        var second = await Templates.SaveAsync(Edit(row, body: "另一位同事的修改：{{ sent_at }}"));

        Assert.Equal((TemplateSaveOutcome.Saved, 2), (first.Outcome, first.Version));
        Assert.Equal(TemplateSaveOutcome.Conflict, second.Outcome);
        var saved = await RowAsync(row.Purpose, row.Language);
        Assert.Equal(("测试消息，发送人：{{ sent_by }}", 2), (saved.Body, saved.Version));
        await using var db = harness.Database.CreateDbContext();
        var audited = await db.AuditEvents.Where(e => e.Action == NotificationAuditActions.TemplateSaved).ToListAsync();
        var only = Assert.Single(audited);
        Assert.Equal((row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), NotificationsHarness.OfficerId), (only.TargetId, only.ActorId));
    }

    [Fact]
    public async Task Seeding_again_keeps_an_edited_template()
    {
        var row = await RowAsync(NotificationPurposes.Test, NotificationLanguages.English);
        await Templates.SaveAsync(Edit(row, subject: "Channel check"));

        Assert.Equal(0, await harness.Get<TemplateSeeder>().SeedAsync());

        Assert.Equal("Channel check", (await RowAsync(row.Purpose, row.Language)).Subject);
    }

    [Theory]
    [InlineData("{% for i in (1..1000000) %}{{ case_number }} {% endfor %}")]
    [InlineData("{% for i in (1..10000000) %}{% endfor %}{{ case_number }}")]
    [InlineData("{% for a in (1..3000) %}{% for b in (1..3000) %}x{% endfor %}{% endfor %}")]
    public void A_template_that_runs_away_is_stopped_and_shown_as_a_field_message(string body)
    {
        var preview = Templates.Preview(NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese, "受理编号 {{ case_number }}", body);

        Assert.Equal("Notifications.Error.TooLarge", preview.Errors["Body"]);
        Assert.Null(preview.Body);
        Assert.Equal("受理编号 PR-2026-000123", preview.Subject);
    }

    [Theory]
    [InlineData("{% include 'footer' %}")]
    [InlineData("{% render 'footer' %}")]
    public async Task A_template_that_fails_while_rendering_is_a_field_message_and_is_not_saved(string body)
    {
        var row = await RowAsync(NotificationPurposes.RequestAcknowledgement, NotificationLanguages.Chinese);

        var preview = Templates.Preview(row.Purpose, row.Language, row.Subject, body);
        var saved = await Templates.SaveAsync(Edit(row, body: body));

        Assert.Equal("Notifications.Error.Syntax", preview.Errors["Body"]);
        Assert.Equal(TemplateSaveOutcome.Invalid, saved.Outcome);
        Assert.Equal(row.Body, (await RowAsync(row.Purpose, row.Language)).Body);
    }
}
