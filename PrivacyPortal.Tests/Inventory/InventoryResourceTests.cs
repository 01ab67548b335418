using PrivacyPortal.Tests.Infrastructure;
using System.Reflection;
using System.Text.RegularExpressions;
using PrivacyPortal.Modules.DataPlane.Connectors;
using PrivacyPortal.Modules.DataPlane.Inventory;
using PrivacyPortal.Modules.DataPlane.Subjects;
using PrivacyPortal.Tests.Localization;
using PrivacyPortal.Shared;

namespace PrivacyPortal.Tests.Inventory;

/// <summary>Every code the inventory shows has its text in both languages (the shared resource test checks only literal keys).</summary>
public sealed partial class InventoryResourceTests
{
    public static TheoryData<string> Cultures => new() { "zh-CN", "en" };

    private static string? Text(string key, string culture) => PortalTextForTests.Text(key, culture);

    private static IEnumerable<string> Keys()
    {
        foreach (var region in StorageRegions.All)
        {
            yield return $"Inventory.Region.{region}";
        }
        foreach (var name in Enum.GetNames<RecipientType>())
        {
            yield return $"Inventory.RecipientType.{name}";
        }
        foreach (var name in Enum.GetNames<RecipientLegalBasis>())
        {
            yield return $"Inventory.LegalBasis.{name}";
        }
        foreach (var name in Enum.GetNames<DisclosureBasis>())
        {
            yield return $"Inventory.DisclosureBasis.{name}";
        }
        foreach (var name in Enum.GetNames<ConnectorKind>())
        {
            yield return $"Inventory.ConnectorKind.{name}";
        }
        foreach (var name in Enum.GetNames<ConsentChannel>())
        {
            yield return $"Inventory.ConsentChannel.{name}";
        }
        foreach (var name in Enum.GetNames<ConsentStatus>())
        {
            yield return $"Inventory.ConsentStatus.{name}";
        }
        foreach (var change in Enum.GetValues<InventoryChange>())
        {
            yield return ChangeText.Key("Inventory.Change", change);
        }
        foreach (var name in Enum.GetNames<DisclosureFilter>())
        {
            yield return $"Inventory.Disclosures.Filter.{name}";
        }
        foreach (var kind in new[] { "Systems", "Recipients", "Purposes", "Disclosures", "Flows", "Operations", "ConsentRecords", "Elsewhere" })
        {
            yield return $"Inventory.UsedBy.{kind}";
        }
        foreach (var action in typeof(InventoryActions).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        {
            yield return $"Audit.Action.{action}";
        }
        yield return $"Audit.Action.{SubjectActions.ConsentRecorded}";

        // Message keys the services return ("Inventory.Disclosure.LineUnknown"...).
        var folder = Path.Combine(Repository.Root, "PrivacyPortal", "Modules", "DataPlane", "Inventory");
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs"))
        {
            foreach (Match match in ServiceKey().Matches(File.ReadAllText(file)))
            {
                yield return match.Groups[1].Value;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_inventory_code_and_message_has_its_text(string culture)
    {
        var missing = Keys().Distinct().Where(k => Text(k, culture) is null).ToList();
        Assert.True(missing.Count == 0, "Missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void Cross_border_reads_as_the_issue_asks()
    {
        Assert.Equal("跨境", Text("Inventory.CrossBorder", "zh-CN"));
        Assert.Equal("Cross-border", Text("Inventory.CrossBorder", "en"));
    }


    // Not the prefix of ChangeText.Key("Inventory.Change", outcome): its keys are listed above.
    [GeneratedRegex(@"(?<!ChangeText\.Key\()""((?:Inventory|Validation)\.[A-Za-z0-9.]+)""")]
    private static partial Regex ServiceKey();
}
