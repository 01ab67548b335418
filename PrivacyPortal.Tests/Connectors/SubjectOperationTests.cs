using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Connectors;

public sealed class SubjectOperationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private static async Task<long> PersonAsync(ServiceHarness harness)
    {
        var (errors, id) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13800000001"), new(IdentifierKind.Email, "wang.fang@example.com"), new(IdentifierKind.AccountId, "acme-001")]);
        Assert.True(errors.IsValid);
        return id!.Value;
    }

    private static TargetDatabase Filled(string name)
    {
        var target = new TargetDatabase(name);
        target.AddCustomer("acme-001", "王芳", "wang.fang@example.com", "13800000001");
        target.AddCustomer("acme-002", "李强", "li.qiang@example.com", "13800000002");
        target.AddLogins("13800000001", 25, new DateTime(2026, 1, 1));
        target.AddLogins("13800000002", 4, new DateTime(2026, 1, 1));
        return target;
    }

    [Fact]
    public async Task Package_csv_cells_a_spreadsheet_would_run_as_a_formula_are_neutralised_tab_and_carriage_return_included()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var crm = new TargetDatabase("crm");
        crm.AddCustomer("acme-001", "王芳", "\t=HYPERLINK(\"http://example.com\")", "\r@SUM(1+1)");
        crm.AddCustomer("acme-001", "王芳", "=1+2", "-12.5");
        await crm.RegisterAsync(harness, "客户关系管理系统");
        var subjectId = await PersonAsync(harness);
        var operations = harness.Get<SubjectOperationService>();
        var (_, operationId) = await operations.StartAsync(subjectId, OperationKind.Export, "权利请求 R-2026-0002");
        Assert.Equal(OperationStatus.Completed, await operations.RunAsync(operationId!.Value));

        var package = Assert.Single(await operations.ListAsync(subjectId)).Package!;
        var (_, content) = (await harness.Get<ExportPackageService>().OpenAsync(package.Id))!.Value;
        using var zipBytes = new MemoryStream();
        await using (content)
        {
            await content.CopyToAsync(zipBytes);
        }
        using var zip = new ZipArchive(new MemoryStream(zipBytes.ToArray()));
        var csv = new StreamReader(zip.GetEntry("contact.csv")!.Open()).ReadToEnd();

        Assert.Contains("客户关系管理系统,customers,\"'\t=HYPERLINK(\"\"http://example.com\"\")\",\"'\r@SUM(1+1)\",", csv, StringComparison.Ordinal);
        Assert.Contains("客户关系管理系统,customers,\"'=1+2\",-12.5,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_packages_every_category_as_json_and_csv_with_a_summary_in_both_languages_encrypted_at_rest()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var crm = Filled("crm");
        var systemId = await crm.RegisterAsync(harness, "客户关系管理系统", region: "SG");
        await using (var db = harness.Database.CreateDbContext())
        {
            var contact = await db.Set<DataCategory>().SingleAsync(c => c.Key == DataCategories.Contact);
            var recipient = new Recipient { Name = "短信通道服务商", Type = RecipientType.Processor, LegalBasis = RecipientLegalBasis.Contract, DeletionContact = "dpo@example.net", Categories = [contact] };
            db.Add(recipient);
            await db.SaveChangesAsync();
            db.Add(new DataFlow { SystemId = systemId, RecipientId = recipient.Id, Description = "短信发送" });
            await db.SaveChangesAsync();
        }
        var subjectId = await PersonAsync(harness);

        var operations = harness.Get<SubjectOperationService>();
        var (errors, operationId) = await operations.StartAsync(subjectId, OperationKind.Export, "权利请求 R-2026-0001");
        Assert.True(errors.IsValid);
        Assert.Equal(OperationStatus.Completed, await operations.RunAsync(operationId!.Value));

        var view = Assert.Single(await operations.ListAsync(subjectId));
        var package = view.Package!;
        Assert.Equal(1 + 1 + 25 + 25, package.Rows);
        var (opened, content) = (await harness.Get<ExportPackageService>().OpenAsync(package.Id))!.Value;
        using var zipBytes = new MemoryStream();
        await using (content)
        {
            await content.CopyToAsync(zipBytes);
        }
        Assert.Equal(package.Sha256, Convert.ToHexStringLower(SHA256.HashData(zipBytes.ToArray())));
        using var zip = new ZipArchive(new MemoryStream(zipBytes.ToArray()));
        Assert.Equal(
            ["account-identity.csv", "account-identity.json", "contact.csv", "contact.json", "device-usage.csv", "device-usage.json",
             "precise-location.csv", "precise-location.json", "summary.en.txt", "summary.zh-CN.txt"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using (var json = JsonDocument.Parse(zip.GetEntry("device-usage.json")!.Open()))
        {
            var records = json.RootElement.GetProperty("records");
            Assert.Equal(25, records.GetArrayLength());
            Assert.Equal("logins", records[0].GetProperty("source").GetString());
            Assert.True(records[0].GetProperty("fields").TryGetProperty("accessed_at", out _));
        }
        var csv = new StreamReader(zip.GetEntry("contact.csv")!.Open()).ReadToEnd().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("system,source,email,phone,created_at", csv[0].TrimStart('\uFEFF'));
        Assert.Equal("客户关系管理系统,customers,wang.fang@example.com,13800000001,2025-03-01 08:00:00", csv[1]);
        Assert.Equal(2, csv.Length);
        var zh = new StreamReader(zip.GetEntry("summary.zh-CN.txt")!.Open()).ReadToEnd();
        var en = new StreamReader(zip.GetEntry("summary.en.txt")!.Open()).ReadToEnd();
        Assert.Contains("精准定位信息", zh);
        Assert.Contains("短信通道服务商", zh);
        Assert.Contains("SG", zh);
        Assert.Contains("Precise location", en);
        Assert.Contains("Cross-border", en);

        // At rest the package is the portal's encrypted format, not a zip, and no phone number or address shows through.
        var stored = await File.ReadAllBytesAsync(harness.Get<ExportStorage>().PackagePath(package.FileName));
        var text = Encoding.Latin1.GetString(stored);
        Assert.StartsWith("PPE1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", text);
        Assert.DoesNotContain("wang.fang@example.com", text);
        Assert.Equal(opened.Id, package.Id);

        await using var audit = harness.Database.CreateDbContext();
        var download = await audit.AuditEvents.SingleAsync(e => e.Action == ConnectorActions.PackageDownloaded);
        Assert.Equal(subjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), download.SubjectId);
        var details = await audit.AuditEvents.Select(e => e.Detail ?? "").ToListAsync();
        Assert.DoesNotContain(details, d => d.Contains("13800000001", StringComparison.Ordinal) || d.Contains("wang.fang", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_erasure_deletes_or_clears_one_persons_rows_in_batches_and_leaves_everyone_else()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now, new Dictionary<string, string?> { ["Connectors:Database:BatchSize"] = "10" });
        using var crm = Filled("crm");
        await crm.RegisterAsync(harness, "CRM");
        var subjectId = await PersonAsync(harness);
        var operations = harness.Get<SubjectOperationService>();

        var (_, operationId) = await operations.StartAsync(subjectId, OperationKind.Erase, "删除请求 R-2026-0002");
        Assert.Equal(OperationStatus.Completed, await operations.RunAsync(operationId!.Value));

        var step = Assert.Single(Assert.Single(await operations.ListAsync(subjectId)).Steps);
        Assert.Equal(26, step.Rows);
        Assert.Equal(0, crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
        Assert.Equal(4, crm.Scalar("SELECT COUNT(*) FROM logins"));
        // The customer row stays (totals), unlinked from the person.
        Assert.Equal(2, crm.Scalar("SELECT COUNT(*) FROM customers"));
        Assert.Equal(1, crm.Scalar("SELECT COUNT(*) FROM customers WHERE phone IS NULL AND email IS NULL AND account_id IS NULL AND contact_name IS NULL"));
    }

    [Fact]
    public async Task A_system_that_fails_mid_operation_is_marked_failed_with_its_reason_and_a_retry_redoes_only_that_system()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var crm = Filled("crm");
        using var logs = Filled("logs");
        var crmId = await crm.RegisterAsync(harness, "CRM");
        var logsId = await logs.RegisterAsync(harness, "日志库");
        var subjectId = await PersonAsync(harness);
        logs.Execute("ALTER TABLE logins RENAME TO logins_archive");
        var operations = harness.Get<SubjectOperationService>();

        var (_, operationId) = await operations.StartAsync(subjectId, OperationKind.Erase, "删除请求 R-2026-0003");
        Assert.Equal(OperationStatus.Failed, await operations.RunAsync(operationId!.Value));
        var first = Assert.Single(await operations.ListAsync(subjectId));
        var failed = first.Steps.Single(s => s.SystemId == logsId);
        Assert.Equal(StepStatus.Failed, failed.Status);
        Assert.Contains("logins", failed.Error);
        Assert.Equal(StepStatus.Done, first.Steps.Single(s => s.SystemId == crmId).Status);

        // The CRM person comes back (as if restored); a retry must not touch CRM again.
        crm.AddLogins("13800000001", 3, new DateTime(2026, 2, 1));
        logs.Execute("ALTER TABLE logins_archive RENAME TO logins");
        Assert.Equal(OperationStatus.Completed, await operations.RunAsync(operationId.Value));

        var second = Assert.Single(await operations.ListAsync(subjectId));
        Assert.Equal(1, second.Steps.Single(s => s.SystemId == crmId).Attempts);
        Assert.Equal(2, second.Steps.Single(s => s.SystemId == logsId).Attempts);
        Assert.Equal(3, crm.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
        Assert.Equal(0, logs.Scalar("SELECT COUNT(*) FROM logins WHERE phone = '13800000001'"));
    }

    [Fact]
    public async Task A_running_operation_is_not_run_twice_at_once()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var crm = Filled("crm");
        await crm.RegisterAsync(harness, "CRM");
        var subjectId = await PersonAsync(harness);
        var operations = harness.Get<SubjectOperationService>();
        var (_, operationId) = await operations.StartAsync(subjectId, OperationKind.Export, "权利请求 R-2026-0004");
        await using (var db = harness.Database.CreateDbContext())
        {
            // Another instance holds the lease.
            await db.Set<SubjectOperation>().Where(o => o.Id == operationId).ExecuteUpdateAsync(u => u.SetProperty(o => o.LeaseUntilUtc, Now.UtcDateTime.AddMinutes(5)));
        }

        Assert.Null(await operations.RunAsync(operationId!.Value));
        Assert.Equal(0, await harness.Get<SubjectOperationService>().ResumeStaleAsync());

        // Its lease runs out (the instance died): the resume job finishes the work.
        harness.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await operations.ResumeStaleAsync());
        Assert.Equal(OperationStatus.Completed, Assert.Single(await operations.ListAsync(subjectId)).Status);
    }

    [Fact]
    public async Task An_operation_needs_a_reason_and_saves_nothing_without_one()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        using var crm = Filled("crm");
        await crm.RegisterAsync(harness, "CRM");
        var subjectId = await PersonAsync(harness);

        var (errors, id) = await harness.Get<SubjectOperationService>().StartAsync(subjectId, OperationKind.Export, "  ");

        Assert.Null(id);
        Assert.Equal("Exports.ReasonRequired", errors.For("Reason"));
        Assert.Empty(await harness.Get<SubjectOperationService>().ListAsync(subjectId));
    }

    [Fact]
    public async Task Expired_packages_are_deleted_and_cannot_be_downloaded()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now, new Dictionary<string, string?> { ["Exports:ExpiryDays"] = "3" });
        using var crm = Filled("crm");
        await crm.RegisterAsync(harness, "CRM");
        var subjectId = await PersonAsync(harness);
        var operations = harness.Get<SubjectOperationService>();
        var (_, operationId) = await operations.StartAsync(subjectId, OperationKind.Export, "权利请求 R-2026-0005");
        await operations.RunAsync(operationId!.Value);
        var package = Assert.Single(await operations.ListAsync(subjectId)).Package!;
        var opened = await harness.Get<ExportPackageService>().OpenAsync(package.Id);
        Assert.NotNull(opened);
        await opened.Value.Content.DisposeAsync();

        harness.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Null(await harness.Get<ExportPackageService>().OpenAsync(package.Id));
        Assert.Equal(1, await harness.Get<ExportPackageService>().DeleteExpiredAsync());

        var after = Assert.Single(await operations.ListAsync(subjectId)).Package!;
        Assert.NotNull(after.DeletedAtUtc);
    }
}
