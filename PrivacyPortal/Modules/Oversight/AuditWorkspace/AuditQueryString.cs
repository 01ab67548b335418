using System.Globalization;
using PrivacyPortal.Modules.Foundation.Audit;
using PrivacyPortal.Modules.Oversight;

namespace PrivacyPortal.Modules.Oversight.AuditWorkspace;

/// <summary>The search page's filter in a URL, so charts and other pages can link to a filtered list and exports repeat the search.</summary>
public static class AuditQueryString
{
    public static (AuditFilter Filter, AuditSort Sort) Parse(IQueryCollection query)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        return (new AuditFilter(Get("from"), Get("to"), Get("actor"), Get("action"), Get("target"), Get("subject"),
            Enum.TryParse<AuditOutcome>(Get("outcome"), true, out var outcome) ? outcome : null, Get("ip")),
            Enum.TryParse<AuditSort>(Get("sort"), true, out var sort) ? sort : AuditSort.Newest);
    }

    public static string Build(AuditFilter f, AuditSort sort = AuditSort.Newest)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add("from", f.From);
        Add("to", f.To);
        Add("actor", f.Actor);
        Add("action", f.Action);
        Add("target", f.Target);
        Add("subject", f.SubjectId);
        Add("outcome", f.Outcome?.ToString());
        Add("ip", f.ClientIp);
        if (sort != AuditSort.Newest)
        {
            Add("sort", sort.ToString());
        }
        return string.Join('&', parts);
    }

    public static string Search(AuditFilter f) => OversightRoutes.AuditSearch + "?" + Build(f);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
