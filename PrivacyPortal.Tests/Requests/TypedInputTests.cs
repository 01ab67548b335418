using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyPortal.Modules.Cases.Backups;
using PrivacyPortal.Modules.Cases.Requests;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Modules.Foundation.Clocks;
using PrivacyPortal.Shared;
using PrivacyPortal.Tests.Infrastructure;

namespace PrivacyPortal.Tests.Requests;

/// <summary>Input as people type and paste it: full-width digits, hidden direction controls, over-long text, files in GBK or not text at all.</summary>
public sealed class TypedInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("１３９１２３４５６７８")]
    [InlineData("＋８６ １３９－１２３４－５６７８")]
    [InlineData("139\u30001234\u30005678")]
    public void Full_width_digits_from_a_Chinese_input_method_are_the_same_phone(string typed)
    {
        Assert.Equal(IdentifierKind.Phone, IdentifierNormalizer.Guess(typed));
        Assert.Equal("13912345678", IdentifierNormalizer.Normalize(IdentifierKind.Phone, typed, out var error));
        Assert.Null(error);
    }

    [Fact]
    public async Task A_caller_found_by_a_full_width_number_and_e_mail()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var directory = harness.Get<SubjectDirectory>();
        var (_, subjectId) = await directory.CreateAsync([new(IdentifierKind.Phone, "13912345678"), new(IdentifierKind.Email, "wang.lei@example.com")]);

        var (phoneErrors, byPhone) = await directory.FindAsync("１３９ １２３４ ５６７８");
        var (_, byEmail) = await directory.FindAsync("ｗａｎｇ．ｌｅｉ＠ｅｘａｍｐｌｅ．ｃｏｍ");

        Assert.True(phoneErrors.IsValid, string.Join(", ", phoneErrors));
        Assert.Equal(subjectId, byPhone?.Id);
        Assert.Equal(subjectId, byEmail?.Id);
    }

    [Fact]
    public async Task Direction_controls_pasted_into_a_summary_or_comment_are_removed_and_an_over_long_summary_is_refused_whole()
    {
        await using var harness = await ServiceHarness.CreateAsync(Now);
        var (_, subjectId) = await harness.Get<SubjectDirectory>().CreateAsync([new(IdentifierKind.Phone, "13900000031")]);
        var requests = harness.Get<RequestService>();

        var tooLong = await requests.TakeAsync(new IntakeInput { SubjectId = subjectId!.Value, Types = [RequestType.Access], Summary = new string('查', 10_000) });
        Assert.Equal("Requests.Intake.SummaryTooLong", tooLong.Errors["Summary"]);
        Assert.Empty(tooLong.Created);

        var taken = await requests.TakeAsync(new IntakeInput
        {
            SubjectId = subjectId.Value, Types = [RequestType.Access], Summary = "来电\u202E要求查询\u202C通话记录\u2067副本\u2069", CreateDespiteDuplicates = true,
        });
        var id = Assert.Single(taken.Created).Id;
        Assert.True((await requests.AddCommentAsync(id, "\u202Dok\u202C 已核实")).IsValid);

        await using var db = harness.Database.CreateDbContext();
        Assert.Equal("来电要求查询通话记录副本", (await db.Set<DataSubjectRequest>().SingleAsync(r => r.Id == id)).Summary);
        Assert.Equal("ok 已核实", (await db.Set<RequestComment>().SingleAsync(c => c.RequestId == id)).Text);
    }

    [Fact]
    public void A_calendar_saved_as_GBK_reads_with_its_holiday_names()
    {
        var csv = CalendarService.CsvHeader + "\r\n2027-01-01,Holiday,元旦,国办发明电〔2026〕12号\r\n";
        var (text, error) = TextFiles.Decode(TextFiles.Gb18030.GetBytes(csv));

        Assert.Null(error);
        var (rows, errors) = CalendarService.ParseCsv(text!, 2027);
        Assert.Empty(errors);
        Assert.Equal("元旦", Assert.Single(rows).Name);

        // UTF-8, with and without a byte order mark, reads the same.
        Assert.Equal(text, TextFiles.Decode(Encoding.UTF8.GetBytes(csv)).Text);
        Assert.Equal(text, TextFiles.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]).Text);
    }

    [Fact]
    public void A_binary_file_is_refused_before_any_of_it_is_shown_and_error_values_are_printable()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52 };
        Assert.Equal((null, "Import.NotText"), TextFiles.Decode(png));

        var error = new CalendarImportError(3, "Calendar.Import.Columns", "2027-01-01\u0007\u0001," + new string('x', 100));
        Assert.Equal("2027-01-01··," + new string('x', 47) + "…", error.Value);
        Assert.Equal("a·b", new BackupImportError(1, "Backups.Import.Columns", "a\u001Bb").Value);
    }
}
