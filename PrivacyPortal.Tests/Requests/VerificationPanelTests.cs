using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Tests.Localization;
using static PrivacyPortal.Tests.Requests.VerificationTestData;

namespace PrivacyPortal.Tests.Requests;

/// <summary>The panel the case page embeds, driven as an agent on the phone would.</summary>
public sealed class VerificationPanelTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private readonly BunitContext context = new();
    private ServiceHarness harness = default!;
    private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

    // Not in InitializeAsync: a culture set inside an async method does not outlive it.
    public VerificationPanelTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");

    public async Task InitializeAsync()
    {
        harness = await ServiceHarness.CreateAsync(Now);
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddPortalTextOfAllModules();
        context.Services.AddSingleton(harness.Get<VerificationService>());
        context.Services.AddSingleton(harness.Get<PortalTime>());
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await harness.DisposeAsync();
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
    }

    [Fact]
    public async Task The_agent_sends_a_code_to_the_masked_email_checks_it_and_both_cases_of_the_call_are_verified()
    {
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Access, RequestType.Deletion);
        var changes = 0;
        context.Render<MudPopoverProvider>();
        var panel = context.Render<VerificationPanel>(p => p.Add(x => x.RequestId, cases[0].Id).Add(x => x.OnChanged, () => changes++));

        panel.WaitForAssertion(() => Assert.Contains("待验证", panel.Find("[data-testid=verification-state]").TextContent, StringComparison.Ordinal));
        Assert.Contains(cases[1].CaseNumber, panel.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", panel.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("wang.fang@", panel.Markup, StringComparison.Ordinal);

        await panel.Find("[data-testid=verification-send]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("w***@example.com", panel.Find("[data-testid=verification-challenge]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, changes);
        string code;
        await using (var db = harness.Database.CreateDbContext())
        {
            code = (await LastMessageAsync(db, NotificationPurposes.VerificationCode, harness.Get<MessageSecrets>())).Code;
        }

        panel.Find("input[data-testid=verification-code]").Change(code);
        await panel.Find("[data-testid=verification-check]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("已通过", panel.Find("[data-testid=verification-state]").TextContent, StringComparison.Ordinal));
        Assert.Contains("一次性验证码", panel.Find("[data-testid=verification-record]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=verification-send]"));
        Assert.Equal(RequestStatus.InReview, (await harness.Get<VerificationService>().GetAsync(cases[1].Id))!.Status);
    }

    [Fact]
    public async Task Failing_without_a_reason_shows_the_error_and_with_one_closes_the_case_showing_the_reason()
    {
        var person = await PersonAsync(harness);
        var cases = await IntakeAsync(harness, person.SubjectId, RequestType.Deletion);
        context.Render<MudPopoverProvider>();
        var panel = context.Render<VerificationPanel>(p => p.Add(x => x.RequestId, cases[0].Id));
        panel.WaitForAssertion(() => panel.Find("[data-testid=verification-fail]"));

        await panel.Find("[data-testid=verification-fail]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("mud-input-error", panel.Find("[data-testid=verification-reason]").ParentElement!.ParentElement!.OuterHtml, StringComparison.Ordinal));
        Assert.Equal(RequestStatus.AwaitingVerification, (await harness.Get<VerificationService>().GetAsync(cases[0].Id))!.Status);

        panel.Find("input[data-testid=verification-reason]").Change("来电人无法提供任何已登记信息");
        await panel.Find("[data-testid=verification-fail]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("未通过", panel.Find("[data-testid=verification-state]").TextContent, StringComparison.Ordinal));
        Assert.Equal("来电人无法提供任何已登记信息", panel.Find("[data-testid=verification-note]").TextContent);
        Assert.Equal(RequestOutcome.VerificationFailed, (await harness.Get<VerificationService>().GetAsync(cases[0].Id))!.Outcome);
    }
}
