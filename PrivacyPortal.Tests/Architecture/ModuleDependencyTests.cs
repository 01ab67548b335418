using PrivacyPortal.Tests.Infrastructure;
namespace PrivacyPortal.Tests.Architecture;

public sealed class ModuleDependencyTests
{
    private static readonly IReadOnlyList<ModuleGraph.Reference> References =
        ModuleGraph.CrossModuleReferences(typeof(PrivacyPortal.Modules.PortalModule).Assembly.Location);

    [Fact]
    public void No_module_uses_a_module_above_it_or_beside_it()
    {
        var refused = References
            .Select(r => (Reference: r, Why: ModuleGraph.Refusal(r.FromModule, r.ToModule)))
            .Where(r => r.Why is not null)
            .Select(r => $"{r.Reference.FromType} -> {r.Reference.ToType}: {r.Why}")
            .ToList();

        Assert.True(refused.Count == 0,
            $"{refused.Count} references point up or sideways between modules (ADR 0014):{Environment.NewLine}{string.Join(Environment.NewLine, refused.Take(40))}");
    }

    [Fact]
    public void The_reader_sees_the_downward_references_the_modules_really_have()
    {
        // Without these the check above would pass on an empty graph.
        var edges = References.Select(r => (r.FromModule, r.ToModule)).ToHashSet();
        Assert.Contains(("DataPlane", "Foundation"), edges);
        Assert.Contains(("Cases", "DataPlane"), edges);
        Assert.Contains(("Incidents", "DataPlane"), edges);
        Assert.Contains(("Oversight", "Cases"), edges);
        Assert.Contains(("Oversight", "Incidents"), edges);
        Assert.Contains(("Host", "Foundation"), edges);
        // A Razor page's reference in its markup counts, not only a using directive.
        Assert.Contains(References, r => r.FromType.EndsWith(".RequestCasePage", StringComparison.Ordinal) && r.ToModule == "DataPlane");
    }

    [Theory]
    [InlineData("Foundation", "Cases")]
    [InlineData("DataPlane", "Oversight")]
    [InlineData("Cases", "Incidents")]
    [InlineData("Incidents", "Cases")]
    [InlineData("Oversight", "Demo")]
    [InlineData("Cases", "Host")]
    public void Upward_and_sideways_edges_are_refused(string from, string to) =>
        Assert.NotNull(ModuleGraph.Refusal(from, to));

    [Theory]
    [InlineData("PrivacyPortal.Modules.Cases.Requests", "Cases")]
    [InlineData("__Blazor.PrivacyPortal.Modules.Incidents.Breaches.BreachIncidentPage", "Incidents")]
    [InlineData("PrivacyPortal.Data", "Foundation")]
    [InlineData("PrivacyPortal.Security", "Foundation")]
    [InlineData("PrivacyPortal.Modules", "Foundation")]
    [InlineData("PrivacyPortal.Components.Layout", "Host")]
    [InlineData("", "Host")]
    public void Namespaces_map_to_their_modules(string ns, string module) =>
        Assert.Equal(module, ModuleGraph.ModuleOf(ns));

    [Fact]
    public void Every_module_folder_is_a_known_layer_with_one_entry_point()
    {
        var modules = typeof(PrivacyPortal.Modules.PortalModule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PrivacyPortal.Modules.PortalModule)) && !t.IsAbstract)
            .ToList();
        var folders = Directory.GetDirectories(Path.Combine(Repository.Root, "PrivacyPortal", "Modules")).Select(Path.GetFileName).Order();
        Assert.Equal(folders, modules.Select(m => m.Namespace!.Split('.')[^1]).Order());
        Assert.All(modules, m => Assert.Equal(m.Namespace!.Split('.')[^1] + "Module", m.Name));
        var layer = ModuleGraph.Layers;
        Assert.True(layer["Foundation"] < layer["DataPlane"] && layer["DataPlane"] < layer["Cases"] && layer["Cases"] == layer["Incidents"]
            && layer["Incidents"] < layer["Oversight"] && layer["Oversight"] < layer["Demo"] && layer["Demo"] < layer["Host"], "The layers are out of order.");
    }


    [Fact]
    public void Every_module_page_takes_its_address_from_its_own_module_routes()
    {
        var assembly = typeof(PrivacyPortal.Modules.PortalModule).Assembly;
        var pages = assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("PrivacyPortal.Modules.", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false)
                .Cast<Microsoft.AspNetCore.Components.RouteAttribute>().Select(r => (Page: t, r.Template)))
            .ToList();
        Assert.True(pages.Count >= 30, $"Only {pages.Count} module pages found.");
        var strays = pages.Where(p =>
        {
            var module = ModuleGraph.ModuleOf(p.Page.Namespace)!;
            var routes = assembly.GetType($"PrivacyPortal.Modules.{module}.{module}Routes");
            var owned = routes?.GetFields().Where(f => f.IsLiteral).Select(f => "/" + (string)f.GetRawConstantValue()!) ?? [];
            return !owned.Contains(p.Template);
        }).Select(p => $"{p.Page.Name}: {p.Template}").ToList();
        Assert.True(strays.Count == 0, "Pages whose address is not a constant of their module's routes: " + string.Join(", ", strays));
    }
}
