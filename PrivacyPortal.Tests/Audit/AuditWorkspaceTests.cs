using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Infrastructure;
using PrivacyPortal.Modules.Oversight.AuditWorkspace;

namespace PrivacyPortal.Tests.Audit;

/// <summary>The auditor workspace on a real SQLite trail: search, event detail, integrity, checkpoints, exports, anomalies.</summary>
public sealed class AuditWorkspaceTests : IAsyncLifetime
{
    // Mon 16 Nov 2026, 10:00 in Shanghai (02:00 UTC).
    private static readonly DateTime Start = new(2026, 11, 16, 2, 0, 0, DateTimeKind.Utc);
    private ServiceHarness harness = default!;

    public async Task InitializeAsync() => harness = await ServiceHarness.CreateAsync(new DateTimeOffset(Start));

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private async Task<AuditEvent> AppendAsync(string action, string actor = "staff-a", string? subject = null, string? ip = "10.0.0.1",
        AuditOutcome outcome = AuditOutcome.Success, string? detail = null, double minutesLater = 1)
    {
        harness.Clock.Advance(TimeSpan.FromMinutes(minutesLater));
        return await harness.Get<AuditChainWriter>().AppendAsync(new AuditRecord(action, actor, outcome, subject is null ? null : "subject", subject, subject, ip, detail));
    }

    /// <summary>40 events: staff-a and staff-b reveal subjects 1..4 in turn, with a reason; every fifth is a denied page.</summary>
    private async Task SeedAsync()
    {
        for (var i = 1; i <= 40; i++)
        {
            if (i % 5 == 0)
            {
                await AppendAsync(AuditActions.AuthorizationDenied, "staff-b", ip: "10.0.0.9", outcome: AuditOutcome.Denied);
            }
            else
            {
                await AppendAsync(SubjectActions.Revealed, i % 2 == 0 ? "staff-a" : "staff-b", subject: (i % 4 + 1).ToString(),
                    detail: $$"""{"identifierId":{{i}},"kind":"Phone","reason":"核实来电 {{i}}"}""");
            }
        }
    }

    [Fact]
    public async Task Search_filters_by_subject_actor_action_and_ip_newest_first_with_paging()
    {
        await SeedAsync();
        var search = harness.Get<AuditSearchService>();

        var subject = await search.SearchAsync(new AuditFilter(SubjectId: "2"), 0, 5);
        Assert.True(subject.Errors.IsValid);
        Assert.Equal(8, subject.TotalCount);
        Assert.Equal(5, subject.Items.Count);
        Assert.All(subject.Items, r => Assert.Equal("2", r.SubjectId));
        Assert.True(subject.Items.Zip(subject.Items.Skip(1)).All(p => p.First.Sequence > p.Second.Sequence));
        Assert.StartsWith("核实来电", subject.Items[0].Reason);
        var second = await search.SearchAsync(new AuditFilter(SubjectId: "2"), 1, 5);
        Assert.Equal(3, second.Items.Count);
        Assert.Empty(subject.Items.Select(r => r.Sequence).Intersect(second.Items.Select(r => r.Sequence)));

        var oldest = await search.SearchAsync(new AuditFilter(SubjectId: "2"), 0, 5, AuditSort.Oldest);
        Assert.True(oldest.Items[0].Sequence < oldest.Items[1].Sequence);

        var denied = await search.SearchAsync(new AuditFilter(Actor: "staff-b", Action: AuditActions.AuthorizationDenied, ClientIp: "10.0.0.9", Outcome: AuditOutcome.Denied), 0, 50);
        Assert.Equal(8, denied.TotalCount);

        var several = await search.SearchAsync(new AuditFilter(Action: $"{AuditActions.AuthorizationDenied}, {SubjectActions.Revealed}"), 0, 50);
        Assert.Equal(40, several.TotalCount);

        var target = await search.SearchAsync(new AuditFilter(Target: "subject:3"), 0, 50);
        Assert.Equal(8, target.TotalCount);
    }

    [Fact]
    public async Task Time_range_is_read_in_portal_time_and_a_bare_end_date_covers_that_whole_day()
    {
        await AppendAsync(AuditActions.SignInSucceeded, minutesLater: 0);                     // 16 Nov 10:00 Shanghai
        await AppendAsync(AuditActions.SignInSucceeded, minutesLater: 60 * 14);               // 17 Nov 00:00 Shanghai
        await AppendAsync(AuditActions.SignInSucceeded, minutesLater: 60 * 13 + 59);          // 17 Nov 13:59
        var search = harness.Get<AuditSearchService>();

        Assert.Equal(1, (await search.SearchAsync(new AuditFilter(From: "2026-11-16", To: "2026-11-16"), 0, 10)).TotalCount);
        Assert.Equal(2, (await search.SearchAsync(new AuditFilter(From: "2026-11-17"), 0, 10)).TotalCount);
        Assert.Equal(2, (await search.SearchAsync(new AuditFilter(From: "2026-11-16 09:00", To: "2026-11-17 13:00"), 0, 10)).TotalCount);
    }

    [Theory]
    [InlineData("2026-13-45", null, null, null, "From", "Audit.Search.DateInvalid")]
    [InlineData("yesterday", null, null, null, "From", "Audit.Search.DateInvalid")]
    [InlineData("2026-11-20", "2026-11-10", null, null, "To", "Audit.Search.RangeReversed")]
    [InlineData(null, null, "zhang", null, "SubjectId", "Audit.Search.SubjectIdInvalid")]
    [InlineData(null, null, null, "999.1.2", "ClientIp", "Audit.Search.ClientIpInvalid")]
    public async Task Malformed_search_input_gives_a_message_for_its_field_and_no_rows(string? from, string? to, string? subject, string? ip, string field, string key)
    {
        await SeedAsync();
        var result = await harness.Get<AuditSearchService>().SearchAsync(new AuditFilter(From: from, To: to, SubjectId: subject, ClientIp: ip), 0, 25);
        Assert.Equal(key, result.Errors.For(field));
        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task Oversized_and_negative_pages_are_refused()
    {
        var search = harness.Get<AuditSearchService>();
        Assert.Equal("Audit.Search.PageSizeInvalid", (await search.SearchAsync(new AuditFilter(), 0, 5_000)).Errors.For("PageSize"));
        Assert.Equal("Audit.Search.PageSizeInvalid", (await search.SearchAsync(new AuditFilter(), 0, 0)).Errors.For("PageSize"));
        Assert.Equal("Audit.Search.PageInvalid", (await search.SearchAsync(new AuditFilter(), -1, 25)).Errors.For("Page"));
    }

    [Fact]
    public async Task Event_detail_shows_the_chain_around_it_and_flags_a_tampered_neighbour()
    {
        await SeedAsync();
        var search = harness.Get<AuditSearchService>();
        var detail = await search.DetailAsync(20);
        Assert.NotNull(detail);
        Assert.True(detail.Intact);
        Assert.Equal([18L, 19, 20, 21, 22], detail.Chain.Select(c => c.Sequence));

        await TamperAsync(21);
        detail = await search.DetailAsync(20);
        Assert.False(detail!.Intact);
        Assert.False(detail.Chain.Single(c => c.Sequence == 21).ContentIntact);
        Assert.True(detail.Chain.Single(c => c.Sequence == 20).Intact);
        Assert.Null(await search.DetailAsync(999));
    }

    private async Task TamperAsync(long sequence)
    {
        await using var db = harness.Database.CreateDbContext();
        var rewritten = """{"reason":"rewritten"}""";
        await db.Database.ExecuteSqlAsync($"UPDATE AuditEvents SET Detail = {rewritten} WHERE Sequence = {sequence}");
    }

    [Fact]
    public async Task Verification_of_a_tampered_trail_reports_the_first_broken_event_and_keeps_the_run_in_history()
    {
        await SeedAsync();
        var integrity = harness.Get<AuditIntegrityService>();
        var intact = await integrity.VerifyNowAsync("staff-a");
        Assert.True(intact.Intact);

        await TamperAsync(17);
        await TamperAsync(30);
        var broken = await integrity.VerifyNowAsync("staff-a");
        Assert.False(broken.Intact);
        Assert.Equal(17, broken.FirstBrokenSequence);

        var history = await integrity.HistoryAsync();
        Assert.Equal(2, history.Count);
        Assert.False(history[0].Intact);
        Assert.Equal(17, history[0].FirstBrokenSequence);
        Assert.True(history[1].Intact);
        Assert.Equal(40, history[1].EventsChecked);
    }

    [Fact]
    public async Task A_signed_checkpoint_proves_the_trail_and_catches_truncation_rewriting_and_forged_signatures()
    {
        await SeedAsync();
        var checkpoints = harness.Get<AuditCheckpointService>();
        var checkpoint = await checkpoints.SignLatestAsync("staff-a");
        Assert.NotNull(checkpoint);
        Assert.Equal(40, checkpoint.Sequence);
        var file = Path.Combine(harness.Get<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath, "App_Data/audit-checkpoints", AuditCheckpointService.FileName(checkpoint));
        Assert.Equal(checkpoint, AuditCheckpoint.Parse(await File.ReadAllTextAsync(file)));

        await AppendAsync(AuditActions.SignInSucceeded);
        Assert.Equal(CheckpointCheck.Intact, (await checkpoints.VerifyAsync(checkpoint)).Check);

        // A forged checkpoint, or one signed by another key, proves nothing.
        Assert.Equal(CheckpointCheck.SignatureInvalid, (await checkpoints.VerifyAsync(checkpoint with { Hash = new string('0', 64) })).Check);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(CheckpointCheck.SignatureInvalid, (await checkpoints.VerifyAsync(checkpoint, other.ExportSubjectPublicKeyInfoPem())).Check);

        // Someone with database access rewrites event 12 and recomputes every hash after it: the chain verifies, the checkpoint does not.
        await RewriteFromAsync(12);
        Assert.True((await harness.Get<AuditVerifier>().VerifyAsync()).Intact);
        Assert.Equal(CheckpointCheck.HashDiffers, (await checkpoints.VerifyAsync(checkpoint)).Check);

        // Removing the newest events leaves a valid, shorter chain: the checkpoint sees it.
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEvents WHERE Sequence >= 35");
        }
        Assert.Equal(CheckpointCheck.Truncated, (await checkpoints.VerifyAsync(checkpoint)).Check);
    }

    private async Task RewriteFromAsync(long sequence)
    {
        await using var db = harness.Database.CreateDbContext();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= sequence - 1).OrderBy(e => e.Sequence).ToListAsync();
        var previous = events[0].Hash;
        foreach (var e in events.Skip(1))
        {
            if (e.Sequence == sequence)
            {
                e.Detail = """{"reason":"rewritten"}""";
            }
            e.PreviousHash = previous;
            e.Hash = AuditHash.Compute(e);
            previous = e.Hash;
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEvents SET Detail = @detail, PreviousHash = @previous, Hash = @hash WHERE Sequence = @sequence",
                new SqliteParameter("@detail", (object?)e.Detail ?? DBNull.Value), new SqliteParameter("@previous", e.PreviousHash),
                new SqliteParameter("@hash", e.Hash), new SqliteParameter("@sequence", e.Sequence));
        }
    }

    [Fact]
    public async Task Verify_audit_command_exits_zero_on_an_intact_trail_and_one_on_a_rewritten_one()
    {
        await SeedAsync();
        var checkpoint = await harness.Get<AuditCheckpointService>().SignLatestAsync();
        var folder = harness.Get<Microsoft.Extensions.Hosting.IHostEnvironment>().ContentRootPath;
        var file = Path.Combine(folder, "checkpoint.json");
        await File.WriteAllTextAsync(file, checkpoint!.ToJson());
        var keyFile = Path.Combine(folder, "public.pem");
        await File.WriteAllTextAsync(keyFile, harness.Get<AuditSigningKey>().PublicKeyPem);
        var services = harness.Get<IServiceProvider>();

        var output = new StringWriter();
        Assert.Equal(0, await AuditCommand.RunAsync(services, ["--checkpoint", file, "--public-key", keyFile], output));
        Assert.StartsWith("INTACT", output.ToString());

        await TamperAsync(3);
        output = new StringWriter();
        Assert.Equal(1, await AuditCommand.RunAsync(services, ["--checkpoint", file, "--public-key", keyFile], output));
        Assert.Contains("breaks at event 3", output.ToString());

        Assert.Equal(2, await AuditCommand.RunAsync(services, ["--checkpoint", Path.Combine(folder, "missing.json")], new StringWriter()));
    }

    [Fact]
    public async Task Csv_export_streams_the_search_signs_the_file_hash_and_records_who_exported_what()
    {
        await SeedAsync();
        await AppendAsync("formula.test", detail: "=HYPERLINK(\"http://example.com\")");
        var output = new MemoryStream();
        var (errors, result) = await harness.Get<AuditExportService>().ExportAsync(new AuditFilter(SubjectId: "2"), AuditSort.Oldest, AuditExportFormat.Csv, output);
        Assert.True(errors.IsValid);
        Assert.NotNull(result);
        Assert.Equal(8, result.Rows);

        var bytes = output.ToArray();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.True(AuditSigningKey.Verify(harness.Get<AuditSigningKey>().PublicKeyPem, AuditExportService.SignedPayload(result.Sha256), result.Signature));
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith("sequence,occurred_at_utc,actor_id", lines[0]);
        Assert.Contains("核实来电", lines[1]);

        await using var db = harness.Database.CreateDbContext();
        var recorded = await db.AuditEvents.SingleAsync(e => e.Sequence == result.AuditSequence);
        Assert.Equal(AuditActions.Exported, recorded.Action);
        Assert.Equal(result.Sha256, AuditDetail.Text(recorded.Detail, "sha256"));
        Assert.Equal("8", AuditDetail.Text(recorded.Detail, "rows"));

        // A cell a spreadsheet would run as a formula is written as text.
        var formula = new MemoryStream();
        await harness.Get<AuditExportService>().ExportAsync(new AuditFilter(Action: "formula.test"), AuditSort.Newest, AuditExportFormat.Csv, formula);
        Assert.Contains("\"'=HYPERLINK(\"\"http://example.com\"\")\"", Encoding.UTF8.GetString(formula.ToArray()));

        var (invalid, none) = await harness.Get<AuditExportService>().ExportAsync(new AuditFilter(From: "2026-02-30"), AuditSort.Newest, AuditExportFormat.Csv, new MemoryStream());
        Assert.False(invalid.IsValid);
        Assert.Null(none);
    }

    [Fact]
    public async Task Xlsx_export_is_a_spreadsheet_package_with_one_row_per_event()
    {
        await SeedAsync();
        var output = new MemoryStream();
        var (_, result) = await harness.Get<AuditExportService>().ExportAsync(new AuditFilter(), AuditSort.Newest, AuditExportFormat.Xlsx, output);
        Assert.Equal(40, result!.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(output.ToArray())), result.Sha256);

        using var zip = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var xml = XDocument.Load(sheet);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var rows = xml.Descendants(main + "row").ToList();
        Assert.Equal(41, rows.Count);
        Assert.Equal("40", rows[1].Elements(main + "c").First().Value);
        Assert.Contains(rows, r => r.Value.Contains("核实来电", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anomalies_flag_bursts_access_outside_working_hours_and_subjects_without_an_open_request()
    {
        // 21 reveals by staff-a within one hour, during working hours (10:00 Shanghai).
        for (var i = 0; i < 21; i++)
        {
            await AppendAsync(SubjectActions.Revealed, "staff-a", subject: "7", minutesLater: 2);
        }
        // One reveal by staff-b at 23:00 Shanghai.
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 16, 15, 0, 0, TimeSpan.Zero));
        await AppendAsync(SubjectActions.Revealed, "staff-b", subject: "8");
        // The system's own work is never an anomaly.
        await AppendAsync(SubjectActions.Revealed, AuditActors.System, subject: "8");

        var (errors, anomalies) = await harness.Get<AccessReviewService>().AnomaliesAsync(Start, Start.AddDays(1));
        Assert.True(errors.IsValid);
        var burst = Assert.Single(anomalies, a => a.Kind == AnomalyKind.Burst);
        Assert.Equal("staff-a", burst.ActorId);
        Assert.Equal(21, burst.Count);
        var late = Assert.Single(anomalies, a => a.Kind == AnomalyKind.OutsideWorkingHours);
        Assert.Equal("staff-b", late.ActorId);
        Assert.Equal(22, anomalies.Count(a => a.Kind == AnomalyKind.NoOpenCase));
        Assert.DoesNotContain(anomalies, a => a.ActorId == AuditActors.System);

        Assert.Equal("Audit.Search.RangeReversed", (await harness.Get<AccessReviewService>().AnomaliesAsync(Start, Start.AddDays(-1))).Errors.For("To"));
        Assert.Equal("Audit.Anomalies.RangeTooLong", (await harness.Get<AccessReviewService>().AnomaliesAsync(Start, Start.AddDays(200))).Errors.For("To"));
    }

    [Fact]
    public async Task Access_review_by_staff_lists_each_subject_touched_with_counts_and_actions()
    {
        await SeedAsync();
        var touched = await harness.Get<AccessReviewService>().SubjectsTouchedByAsync("staff-a", Start, Start.AddDays(1));
        Assert.Equal(["1", "3"], touched.Select(t => t.SubjectId).Order());
        Assert.Equal(16, touched.Sum(t => t.Events));
        Assert.All(touched, t => Assert.Equal([SubjectActions.Revealed], t.Actions));
    }
}
