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

    public static readonly IReadOnlyDictionary<ReportAuthority, string> Recipients = new Dictionary<ReportAuthority, string>
    {
        [ReportAuthority.Cac] = "属地省级网信部门",
        [ReportAuthority.ProtectionDepartment] = "关键信息基础设施保护工作部门",
        [ReportAuthority.PublicSecurity] = "公安机关",
        [ReportAuthority.GdprAuthority] = "数据保护监管机构（GDPR 第33条）",
    };

    public static readonly IReadOnlyDictionary<BreachReportKind, string> Titles = new Dictionary<BreachReportKind, string>
    {
        [BreachReportKind.Initial] = "个人信息安全事件报告（初报）",
        [BreachReportKind.Supplement] = "个人信息安全事件报告（续报）",
        [BreachReportKind.Final] = "个人信息安全事件总结报告",
    };

    /// <summary>
    /// The elements the reporting measures ask for (办法 art. 5 for initial and supplementary reports, art. 7 for the
    /// summary report; ADR 0015). Numbered in order when the document is built; the contact is not numbered.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Headings = new Dictionary<string, string>
    {
        ["unit"] = "事发单位名称",
        ["system"] = "发生事件的设施、系统、平台的基本情况",
        ["time"] = "事件发生、发现时间",
        ["place"] = "事件发生地点",
        ["type"] = "事件类型及级别",
        ["impact"] = "已造成的影响和危害",
        ["measures"] = "已采取的措施及效果",
        ["ransom"] = "勒索软件攻击情况（要求支付赎金的金额、方式、日期等）",
        ["trend"] = "事态发展趋势及可能造成的进一步影响和危害",
        ["cause"] = "事件原因分析",
        ["leads"] = "进一步调查分析所需的线索（可能的攻击者信息、攻击路径、存在的漏洞等）",
        ["further"] = "拟进一步采取的应对措施以及请求支援事项",
        ["scene"] = "事件现场保护情况",
        ["other"] = "其他应当报告的情况",
        ["progress"] = "新的重要情况及调查工作进展",
        ["summary"] = "事件概况",
        ["accountability"] = "责任追究情况",
        ["remediation"] = "整改情况",
        ["lessons"] = "经验教训",
        ["notification"] = "告知个人信息主体情况",
        ["contact"] = "联系人及联系方式",
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
            body.Append(Paragraph($"报送对象：{Recipients[report.Authority]}    生成时间：{generatedLocal}", size: 21));
            var sections = report.Sections;
            var ordinal = 0;
            foreach (var key in BreachReportSections.For(report.Kind))
            {
                var heading = Headings.TryGetValue(key, out var h) ? h : key;
                if (key != "contact")
                {
                    heading = $"{Ordinal(++ordinal)}、{heading}";
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
        >= 1 and <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        > 10 and < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
