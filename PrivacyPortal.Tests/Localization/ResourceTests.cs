using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PrivacyPortal.Tests.Localization;

public sealed partial class ResourceTests
{
    private static readonly string Root = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PrivacyPortal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Root, "PrivacyPortal", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static readonly Dictionary<string, string> English = Load("SharedResource.resx");
    private static readonly Dictionary<string, string> Chinese = Load("SharedResource.zh-CN.resx");

    [Fact]
    public void Both_languages_have_every_key_and_no_empty_text()
    {
        Assert.Equal(English.Keys.Order(), Chinese.Keys.Order());
        Assert.DoesNotContain(English, e => string.IsNullOrWhiteSpace(e.Value));
        Assert.DoesNotContain(Chinese, e => string.IsNullOrWhiteSpace(e.Value));
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
    [GeneratedRegex(@"(?:L\[""|""(?=(?:Validation|Setup|SignIn|TwoFactor|Security|Calendar|Clocks)\.))([A-Za-z0-9]+\.[A-Za-z0-9.\-]+)""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
