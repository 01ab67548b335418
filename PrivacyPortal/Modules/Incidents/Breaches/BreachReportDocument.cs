using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>
/// The report as a Word document, in Chinese whatever the reader's UI language: it goes to a Chinese regulator.
/// Headings are the wording of the reporting measures, so they live here and not in the UI resources.
/// </summary>
public static class BreachReportDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static readonly IReadOnlyDictionary<BreachReportKind, string> Titles = new Dictionary<BreachReportKind, string>
    {
        [BreachReportKind.Initial] = "个人信息安全事件报告（初报）",
        [BreachReportKind.Supplement] = "个人信息安全事件报告（续报）",
        [BreachReportKind.Final] = "个人信息安全事件总结报告",
    };

    public static readonly IReadOnlyDictionary<string, string> Headings = new Dictionary<string, string>
    {
        ["unit"] = "一、事发单位名称",
        ["system"] = "二、发生事件的设施、系统、平台",
        ["time"] = "三、事件发生或发现时间",
        ["place"] = "四、事件发生地点",
        ["type"] = "五、事件类型",
        ["impact"] = "六、事件已造成的影响和危害",
        ["measures"] = "七、已采取的应对措施及效果",
        ["trend"] = "八、事态发展趋势",
        ["cause"] = "九、事件原因（初步判断）",
        ["further"] = "十、下一步应对措施",
        ["contact"] = "联系人及联系方式",
        ["progress"] = "一、事件处置进展",
        ["summary"] = "一、事件概况",
        ["notification"] = "告知个人信息主体情况",
        ["remediation"] = "整改措施",
        ["lessons"] = "经验教训及改进建议",
    };

    public static byte[] Build(BreachIncident incident, BreachReport report, string generatedLocal)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(Titles[report.Kind], bold: true, size: 36, center: true));
            body.Append(Paragraph($"事件编号：{incident.Reference}    事件名称：{incident.Title}", size: 21));
            body.Append(Paragraph($"报送对象：{(report.Authority == ReportAuthority.Cac ? "省级网信部门" : "数据保护监管机构（GDPR 第33条）")}    生成时间：{generatedLocal}", size: 21));
            var sections = report.Sections;
            var ordinal = 0;
            foreach (var key in BreachReportSections.For(report.Kind))
            {
                ordinal++;
                var heading = Headings.TryGetValue(key, out var h) ? h : key;
                if (report.Kind != BreachReportKind.Initial && !heading.StartsWith('一'))
                {
                    heading = $"{Ordinal(ordinal)}、{heading.Split('、').Last()}";
                }
                body.Append(Paragraph(heading, bold: true, size: 28));
                var text = sections.TryGetValue(key, out var t) ? t : "";
                foreach (var line in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
                {
                    body.Append(Paragraph(line, size: 24));
                }
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1440, Bottom = 1440, Left = 1588, Right = 1474 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Paragraph Paragraph(string text, bool bold = false, int size = 24, bool center = false)
    {
        var font = bold ? "黑体" : "宋体";
        var runProperties = new RunProperties(
            new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font },
            new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
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
