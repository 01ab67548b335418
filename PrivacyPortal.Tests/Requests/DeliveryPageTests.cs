using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Data;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.Foundation.Notifications;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Security;
using PrivacyPortal.Tests.Connectors;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

[Collection(AppCollection.Name)]
public sealed partial class DeliveryPageTests
{
    [Fact]
    public async Task The_anonymous_page_shows_only_the_code_form_refuses_wrong_codes_gives_the_zip_once_and_keeps_the_token_out_of_the_log()
    {
        await using var app = new PortalAppFactory();
        await PortalHttp.CreateStaffAsync(app.Services, Roles.ComplianceOfficer);
        using var crm = new TargetDatabase("crm");
        var (token, code, caseNumber, package) = await DeliveredAsync(app, crm);
        var client = PortalHttp.Client(app);

        var page = await client.GetAsync($"/delivery/{token}");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"delivery-code\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, html, StringComparison.Ordinal);
        Assert.DoesNotContain(DataSubject.FormatReference(package.SubjectId), html, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("delivery-message", html, StringComparison.Ordinal);

        var wrong = await PostCodeAsync(client, token, VerificationTestData.WrongCode(code));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        var again = await client.GetAsync(PortalHttp.PathOf(wrong));
        var message = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.True(message.Contains("提取码不正确，还可尝试 4 次。", StringComparison.Ordinal), PortalHttp.PathOf(wrong) + "\n" + message[message.IndexOf("<h1", StringComparison.Ordinal)..]);
        Assert.Contains("data-testid=\"delivery-code\"", message, StringComparison.Ordinal);

        var right = await PostCodeAsync(client, token, code);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("application/zip", right.Content.Headers.ContentType?.MediaType);
        Assert.Equal(package.Sha256, Convert.ToHexStringLower(SHA256.HashData(await right.Content.ReadAsByteArrayAsync())));

        var twice = await PostCodeAsync(client, token, code);
        var used = WebUtility.HtmlDecode(await (await client.GetAsync(PortalHttp.PathOf(twice))).Content.ReadAsStringAsync());
        Assert.Contains("该副本已被下载", used, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"delivery-code\"", used, StringComparison.Ordinal);

        var log = string.Join('\n', app.LogLines());
        Assert.Contains(DeliveryGuard.LoggedPath, log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_ten_requests_a_minute_from_one_address_get_429_without_the_form()
    {
        await using var app = new PortalAppFactory();
        await PortalHttp.CreateStaffAsync(app.Services, Roles.ComplianceOfficer);
        var client = PortalHttp.Client(app);
        var token = AccessDeliveryService.NewToken();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await client.GetAsync($"/delivery/{token}")).StatusCode);
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

        var limited = await client.GetAsync($"/delivery/{token}");
        var html = WebUtility.HtmlDecode(await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("尝试次数过多", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"delivery-code\"", html, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string token, string code)
    {
        // The page itself never looks the link up: its form is the same for any link, live or dead.
        var html = await (await client.GetAsync($"/delivery/{token}")).Content.ReadAsStringAsync();
        var antiforgery = AntiforgeryPattern().Match(html);
        Assert.True(antiforgery.Success, "No anti-forgery token on the page.");
        return await client.PostAsync($"/delivery/{token}/download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value),
        }));
    }

    /// <summary>A verified access request, a real export from a generated CRM, and a delivery link: what the person receives.</summary>
    private static async Task<(string Token, string Code, string CaseNumber, ExportPackage Package)> DeliveredAsync(PortalAppFactory app, TargetDatabase crm)
    {
        crm.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var contexts = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        int systemId;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var categories = await db.Set<DataCategory>().Where(c => c.Key != DataCategories.Browsing && c.Key != DataCategories.Delivery).ToListAsync();
            var system = new DataSystem { Name = "客户关系管理系统", OwnerTeam = "平台部", OwnerEmail = "owner@example.com", Purpose = "测试", StorageRegion = StorageRegions.MainlandChina, Categories = categories, ConnectorKind = ConnectorKind.Manual, ManualChecklist = "x" };
            db.Add(system);
            await db.SaveChangesAsync();
            systemId = system.Id;
        }
        var (problems, _) = await services.GetRequiredService<ConnectorSettingsService>().SaveAsync(new ConnectorSettingsInput
        {
            SystemId = systemId,
            Kind = ConnectorKind.Database,
            DatabaseProvider = DatabaseProviders.Sqlite,
            NewSecret = crm.ConnectionString,
            Mapping = TargetDatabase.Mapping(),
        });
        Assert.Empty(problems);

        var (errors, subjectId) = await services.GetRequiredService<SubjectDirectory>().CreateAsync([new(IdentifierKind.Email, "wang.fang@example.com"), new(IdentifierKind.AccountId, "acme-001")]);
        Assert.True(errors.IsValid);
        var intake = await services.GetRequiredService<RequestService>().TakeAsync(new IntakeInput { SubjectId = subjectId, Types = [RequestType.Access], Summary = "查阅个人信息" });
        var request = Assert.Single(intake.Created);
        Assert.True((await services.GetRequiredService<VerificationService>().RecordDocumentCheckAsync(request.Id, "身份证原件已核对")).IsValid);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // Delivery goes only to a verified contact; here the person confirmed the e-mail in the same check.
            await db.Set<SubjectIdentifier>().Where(i => i.SubjectId == subjectId).ExecuteUpdateAsync(s => s.SetProperty(i => i.IsVerified, true));
        }
        var operations = services.GetRequiredService<SubjectOperationService>();
        var (started, operationId) = await operations.StartAsync(subjectId!.Value, OperationKind.Export, $"权利请求 {request.CaseNumber}", request.Id);
        Assert.True(started.IsValid);
        Assert.Equal(OperationStatus.Completed, await operations.RunAsync(operationId!.Value));
        var package = Assert.Single(await operations.ListAsync(subjectId.Value)).Package!;
        Assert.True((await services.GetRequiredService<AccessDeliveryService>().CreateAsync(request.Id, package.Id)).Errors.IsValid);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var message = (await db.Set<OutboxMessage>().SingleAsync(m => m.Purpose == NotificationPurposes.AccessDelivery)).AsSent(services.GetRequiredService<MessageSecrets>());
            var link = LinkPattern().Match(message.Body);
            return (link.Groups[1].Value, link.Groups[2].Value, request.CaseNumber, package);
        }
    }

    [GeneratedRegex(@"/delivery/([A-Za-z0-9_\-]{43})\s.*?提取码 ?([0-9]{6})", RegexOptions.Singleline)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
