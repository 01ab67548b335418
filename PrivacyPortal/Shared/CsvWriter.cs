using System.Globalization;
using System.Text;

namespace PrivacyPortal.Shared;

/// <summary>
/// The one way the portal writes a CSV field (audit exports, export packages). RFC 4180 quoting, and a value a
/// spreadsheet would run as a formula gets a leading apostrophe: one starting with =, +, - or @, and one starting
/// with a tab or carriage return, which spreadsheets strip before looking for the formula (OWASP "CSV injection").
/// A plain signed number (-12.5, +86) is data and stays as it is.
/// </summary>
public static class CsvWriter
{
    /// <summary>One line of fields, without the line break.</summary>
    public static string Line(IEnumerable<string?> values)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                line.Append(',');
            }
            Append(line, value);
            first = false;
        }
        return line.ToString();
    }

    /// <summary>Appends one field to <paramref name="line"/>.</summary>
    public static StringBuilder Append(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }
        var formula = IsFormula(value);
        if (!formula && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return line.Append(value);
        }
        line.Append('"');
        if (formula)
        {
            line.Append('\'');
        }
        return line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    public static bool IsFormula(string value) =>
        value.Length > 0 && value[0] switch
        {
            '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => !double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _),
            _ => false,
        };
}
