namespace PrivacyPortal.Shared;

/// <summary>A heading of the side menu; sections appear in <see cref="Order"/>, each only when one of its links is visible.</summary>
public sealed record NavSection(int Order, string? TitleKey)
{
    public static readonly NavSection Home = new(0, null);
    public static readonly NavSection Requests = new(10, "Nav.Requests");
    public static readonly NavSection People = new(20, "Nav.DataPlane");
    public static readonly NavSection Inventory = new(30, "Inventory.Title");
    public static readonly NavSection Audit = new(40, "Audit.Nav.Section");
    public static readonly NavSection Deadlines = new(50, "Nav.Compliance");
    public static readonly NavSection Incidents = new(60, "Nav.Incidents");
    public static readonly NavSection Retention = new(70, "Nav.RetentionSection");
    public static readonly NavSection Notifications = new(80, "Nav.Notifications");
    public static readonly NavSection Systems = new(90, "Nav.Systems");
    public static readonly NavSection Administration = new(100, "Nav.Administration");
    public static readonly NavSection Account = new(110, "Nav.MyAccount");
}

/// <summary>
/// A side-menu link a module contributes. It is shown to whoever passes <see cref="Policy"/>, the same policy the
/// page it opens declares; links of a section keep the order in which the modules added them.
/// </summary>
public sealed record NavEntry(NavSection Section, string Href, string TextKey, string Icon, string Policy)
{
    /// <summary>Highlighted only on exactly this address (a section's overview page), not on the pages below it.</summary>
    public bool Exact { get; init; }

    /// <summary>A page outside the Blazor app (the jobs dashboard, static pages): loaded in full.</summary>
    public bool ForceLoad { get; init; }

    public string? TestId { get; init; }
}

public static class NavigationServiceCollectionExtensions
{
    public static IServiceCollection AddNavLink(this IServiceCollection services, NavEntry link) => services.AddSingleton(link);
}
