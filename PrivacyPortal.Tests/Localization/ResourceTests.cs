using PrivacyPortal.Tests.Infrastructure;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PrivacyPortal.Resources;

namespace PrivacyPortal.Tests.Localization;

public sealed partial class ResourceTests
{
    private static readonly string Root = Repository.Root;


    /// <summary>Each text set: the shared one (Resources/SharedResource) and one per module (Modules/X/XText), English and Chinese.</summary>
    private static readonly IReadOnlyList<(string Name, Dictionary<string, string> English, Dictionary<string, string> Chinese)> Sets =
        Directory.EnumerateFiles(Path.Combine(Root, "PrivacyPortal"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Root, f), Load(f), Load(f[..^".resx".Length] + ".zh-CN.resx")))
            .ToList();

    private static Dictionary<string, string> Load(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static readonly Dictionary<string, string> English = Sets.SelectMany(s => s.English).ToDictionary();
    private static readonly Dictionary<string, string> Chinese = Sets.SelectMany(s => s.Chinese).ToDictionary();

    [Fact]
    public void Each_set_has_every_key_in_both_languages_and_no_empty_text()
    {
        Assert.Equal(6, Sets.Count);
        foreach (var (name, english, chinese) in Sets)
        {
            Assert.True(english.Keys.Order().SequenceEqual(chinese.Keys.Order()), $"{name}: the two languages hold different keys.");
            Assert.DoesNotContain(english, e => string.IsNullOrWhiteSpace(e.Value));
            Assert.DoesNotContain(chinese, e => string.IsNullOrWhiteSpace(e.Value));
        }
    }

    [Fact]
    public void A_key_lives_in_one_set_only()
    {
        var twice = Sets.SelectMany(s => s.English.Keys.Select(k => (Key: k, s.Name))).GroupBy(k => k.Key).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(" and ", g.Select(x => x.Name))}").ToList();
        Assert.True(twice.Count == 0, string.Join(Environment.NewLine, twice));
    }

    [Fact]
    public void Every_module_text_set_is_registered_and_answers_in_both_languages()
    {
        var registered = PortalTextForTests.Services.GetServices<ModuleText>().Select(m => m.Marker.Name + ".resx").Order();
        var files = Sets.Select(s => Path.GetFileName(s.Name)).Where(n => n != "SharedResource.resx").Order();
        Assert.Equal(files, registered);
        foreach (var (name, english, chinese) in Sets)
        {
            var key = english.Keys.First();
            Assert.True(PortalTextForTests.Text(key, "en") == english[key], $"{name}: {key} is not served in English.");
            Assert.True(PortalTextForTests.Text(key, "zh-CN") == chinese[key], $"{name}: {key} is not served in Chinese.");
        }
    }

    [Fact]
    public void Every_value_of_every_enum_text_family_has_its_text_in_both_languages()
    {
        var families = typeof(SharedResource).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => typeof(PrivacyPortal.Shared.ITextFamily).IsAssignableFrom(f.FieldType))
            .Select(f => (Name: $"{f.DeclaringType!.Name}.{f.Name}", Text: (PrivacyPortal.Shared.ITextFamily)f.GetValue(null)!))
            .ToList();
        Assert.True(families.Count >= 50, $"Only {families.Count} families found.");
        var missing = families.SelectMany(f => f.Text.Keys.Where(k => !English.ContainsKey(k) || !Chinese.ContainsKey(k)).Select(k => $"{f.Name}: {k}")).ToList();
        Assert.True(missing.Count == 0, "Missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void Chinese_text_is_written_in_Chinese()
    {
        var untranslated = Chinese.Where(e => !e.Key.StartsWith("Culture.", StringComparison.Ordinal) && !CjkPattern().IsMatch(e.Value)).Select(e => e.Key);
        Assert.Empty(untranslated);
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var used = Directory.EnumerateFiles(Path.Combine(Root, "PrivacyPortal"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(used);
        var missing = used.Where(k => !English.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void Placeholders_match_between_languages()
    {
        var mismatched = English.Where(e => !Placeholders(e.Value).SetEquals(Placeholders(Chinese[e.Key]))).Select(e => e.Key);
        Assert.Empty(mismatched);
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex CjkPattern();

    // L["Key"] and resource keys returned by services ("Validation.Email").
    [GeneratedRegex(@"(?:L\[""|(?<!(?:ChangeText\.Key|new)\()""(?=(?:Validation|Setup|SignIn|TwoFactor|Security|Calendar|Clocks)\.))([A-Za-z0-9]+\.[A-Za-z0-9.\-]+)""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
