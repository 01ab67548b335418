using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PrivacyPortal.Modules.Cases.Requests;

namespace PrivacyPortal.Modules.Oversight.Reports;

/// <summary>
/// The compliance report as a Word document, in Chinese whatever the reader's UI language (it goes to management and
/// auditors here). Built the way <c>BreachReportDocument</c> is: headings in code, enum labels from the Chinese UI text.
/// </summary>
public static class ComplianceReportDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Build(ComplianceReport report, Func<string, string> label, string generatedLocal, Func<DateTime?, string> formatTime)
    {
        static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        static string Rate(int part, int whole) => whole == 0 ? "—" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        var from = report.From.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var to = report.To.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph("个人信息保护合规报告", bold: true, size: 36, center: true));
            body.Append(Paragraph($"报告期间：{from} 至 {to}    生成时间：{generatedLocal}", size: 21, center: true));

            body.Append(Paragraph("一、个人信息主体权利请求", bold: true, size: 28));
            body.Append(Paragraph($"报告期内共收到请求 {report.Received} 件，办结 {report.Closed} 件，其中按期办结 {report.ClosedOnTime} 件（按期率 {Rate(report.ClosedOnTime, report.Closed)}），" +
                $"办结请求的办理天数中位数为 {N(report.MedianDaysToClose)} 天。重复请求合并办结的不计入办结数。"));
            body.Append(Table(["请求类型", "收到", "办结", "按期办结", "按期率", "办理天数中位数"],
                report.Requests.Select(r => new[] { label($"Requests.Type.{r.Type}"), $"{r.Received}", $"{r.Closed}", $"{r.ClosedOnTime}", Rate(r.ClosedOnTime, r.Closed), r.Closed == 0 ? "—" : N(r.MedianDaysToClose) })
                    .Append(["合计", $"{report.Received}", $"{report.Closed}", $"{report.ClosedOnTime}", Rate(report.ClosedOnTime, report.Closed), report.Closed == 0 ? "—" : N(report.MedianDaysToClose)])));

            body.Append(Paragraph("二、拒绝或部分拒绝的请求及理由", bold: true, size: 28));
            if (report.Refusals.Cases == 0)
            {
                body.Append(Paragraph("报告期内没有拒绝或部分拒绝的请求。"));
            }
            else
            {
                body.Append(Paragraph($"报告期内办结的请求中，拒绝或部分拒绝 {report.Refusals.Cases} 件，均已依法向个人说明理由。一件请求可能援引多项理由："));
                body.Append(Table(["拒绝理由", "件数"], report.Refusals.ByReason.Select(r => new[] { label($"Requests.Refusal.{r.ReasonKey}"), $"{r.Count}" })));
            }

            body.Append(Paragraph("三、个人信息安全事件及报告时效", bold: true, size: 28));
            var incidents = report.Incidents;
            body.Append(Paragraph(incidents.Discovered == 0 ? "报告期内未发现个人信息安全事件。" : $"报告期内发现个人信息安全事件 {incidents.Discovered} 起。"));
            if (incidents.Discovered > 0)
            {
                body.Append(Table(["事件分级", "起数"], incidents.ByGrade.Select(g => new[] { g.Grade is { } grade ? label($"Breaches.Grade.{grade}") : "未定级", $"{g.Count}" })));
            }
            body.Append(Paragraph($"报告期内向监管部门报送事件报告 {incidents.ReportsOnTime + incidents.ReportsLate} 份，其中按时报送 {incidents.ReportsOnTime} 份，逾期报送 {incidents.ReportsLate} 份；" +
                $"截至期末已起草尚未报送的报告 {incidents.ReportsNotSubmitted} 份。"));

            body.Append(Paragraph("四、保存期限届满后的删除", bold: true, size: 28));
            var purges = report.Purges;
            body.Append(Paragraph($"报告期内执行保存期限清理 {purges.Runs} 次（完成 {purges.Completed} 次，失败 {purges.Failed} 次，因法律保全未删除 {purges.Held} 次，待系统负责人处理 {purges.AwaitingOwner} 次），" +
                $"共删除 {purges.RowsDeleted} 行，因法律保全保留 {purges.RowsHeld} 行。"));

            body.Append(Paragraph("五、备份中个人信息的删除跟进", bold: true, size: 28));
            var follow = report.FollowUps;
            body.Append(Paragraph($"报告期内关闭备份删除跟进事项 {follow.ClosedInPeriod} 项；期末尚未关闭 {follow.OpenAtEnd} 项，其中已超过预计备份轮换日期 {follow.PastExpectedAtEnd} 项。"));

            body.Append(Paragraph("六、审计日志完整性", bold: true, size: 28));
            var chain = report.AuditChain;
            var status = chain.Intact switch
            {
                true => $"最近一次校验于 {formatTime(chain.LastVerifiedAtUtc)} 完成，哈希链完整，未发现篡改。",
                false => $"最近一次校验于 {formatTime(chain.LastVerifiedAtUtc)} 完成，发现哈希链断裂，须立即调查。",
                null => "审计日志尚未进行过完整性校验。",
            };
            body.Append(Paragraph($"报告期内记录审计事件 {chain.EventsInPeriod} 条。{status}"));

            body.Append(Paragraph("本报告由隐私门户根据系统记录自动生成，不含任何个人信息主体的身份信息。", size: 18));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Table Table(string[] headings, IEnumerable<string[]> rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(headings, bold: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, bold: false));
        }
        return table;
    }

    private static TableRow Row(IEnumerable<string> cells, bool bold) =>
        new(cells.Select(c => new TableCell(Paragraph(c, bold: bold, size: 21))));

    private static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool center = false)
    {
        var font = bold ? "黑体" : "宋体";
        var runProperties = new RunProperties(
            new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font },
            new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        var paragraph = new Paragraph();
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = "120", Line = "360", LineRule = LineSpacingRuleValues.Auto });
        if (center)
        {
            properties.Append(new Justification { Val = JustificationValues.Center });
        }
        paragraph.Append(properties);
        paragraph.Append(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }
}
