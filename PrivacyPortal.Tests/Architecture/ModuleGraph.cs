using Mono.Cecil;
using Mono.Cecil.Cil;
using PrivacyPortal.Modules;

namespace PrivacyPortal.Tests.Architecture;

/// <summary>
/// The portal's modules and the type references between them, read from the compiled assembly (so a reference in a
/// method body, an attribute or a Razor page counts as much as a using directive). ADR 0014 draws the layers.
/// </summary>
public static class ModuleGraph
{
    /// <summary>
    /// Each module's layer, as its entry point declares it (<see cref="PortalModule.Layer"/>), so a new module needs
    /// no change here. A type may use types of its own module and of lower layers only; two modules on one layer (Cases
    /// and Incidents) never use each other. The folders of the platform (Configuration, Data, Jobs, Resources,
    /// Security, Shared) and the module contract belong to Foundation; Components and Program are the host, which
    /// composes everything.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> Layers = typeof(PortalModule).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(PortalModule)) && !t.IsAbstract)
        .ToDictionary(t => t.Namespace!.Split('.')[^1], t => ((PortalModule)Activator.CreateInstance(t)!).Layer)
        .Append(new KeyValuePair<string, int>("Host", int.MaxValue))
        .ToDictionary();

    private static readonly string[] Platform = ["Configuration", "Data", "Jobs", "Resources", "Security", "Shared", "Modules"];

    /// <summary>The module a namespace belongs to, or null for code that is not the portal's (framework, compiler helpers).</summary>
    public static string? ModuleOf(string? ns)
    {
        if (ns is null)
        {
            return null;
        }
        // Razor's generic type-inference helpers live under "__Blazor.<the component's namespace>".
        if (ns.StartsWith("__Blazor.", StringComparison.Ordinal))
        {
            ns = ns["__Blazor.".Length..];
        }
        if (ns.Length == 0)
        {
            return "Host"; // Program
        }
        var parts = ns.Split('.');
        if (parts[0] != "PrivacyPortal")
        {
            return null;
        }
        if (parts.Length == 1 || parts[1] == "Components")
        {
            return "Host";
        }
        if (parts[1] == "Modules" && parts.Length > 2)
        {
            return Layers.ContainsKey(parts[2]) ? parts[2] : throw new InvalidOperationException($"Namespace {ns} is in no module: a module folder needs its <Name>Module entry point.");
        }
        return Platform.Contains(parts[1]) ? "Foundation" : throw new InvalidOperationException($"Namespace {ns} is in no known module or platform folder.");
    }

    /// <summary>Why an edge from one module to another is refused, or null when it points down.</summary>
    public static string? Refusal(string from, string to) =>
        from == to || Layers[to] < Layers[from]
            ? null
            : Layers[to] == Layers[from]
                ? $"{from} and {to} are on the same layer and must not use each other"
                : $"{from} must not use {to}, a module above it";

    public sealed record Reference(string FromType, string ToType, string FromModule, string ToModule);

    /// <summary>Every reference from a type of the assembly to a type of another module.</summary>
    public static IReadOnlyList<Reference> CrossModuleReferences(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var found = new HashSet<Reference>();
        foreach (var type in assembly.MainModule.Types)
        {
            var from = ModuleOf(type.Namespace);
            if (from is null || IsCompilerGenerated(type))
            {
                continue;
            }
            foreach (var target in ReferencedTypes(type))
            {
                var top = target;
                while (top.DeclaringType is not null)
                {
                    top = top.DeclaringType;
                }
                if (!IsCompilerGenerated(top) && ModuleOf(top.Namespace) is { } to && to != from)
                {
                    found.Add(new Reference(type.FullName, top.FullName, from, to));
                }
            }
        }
        return found.OrderBy(r => r.FromType, StringComparer.Ordinal).ThenBy(r => r.ToType, StringComparer.Ordinal).ToList();
    }

    // Anonymous types, <Module>, <PrivateImplementationDetails>: the compiler's, in the global namespace like Program.
    private static bool IsCompilerGenerated(TypeReference type) => type.Name.StartsWith('<');

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        var result = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    generic.GenericArguments.ToList().ForEach(Add);
                    return;
                case TypeSpecification spec: // arrays, by-ref, pointers, modifiers
                    Add(spec.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    result.Add(t);
                    return;
            }
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    if (argument.Value is TypeReference typeArgument)
                    {
                        Add(typeArgument);
                    }
                }
            }
        }
        void AddMember(MemberReference member)
        {
            Add(member.DeclaringType);
            switch (member)
            {
                case MethodReference method:
                    Add(method.ReturnType);
                    method.Parameters.ToList().ForEach(p => Add(p.ParameterType));
                    if (method is GenericInstanceMethod genericMethod)
                    {
                        genericMethod.GenericArguments.ToList().ForEach(Add);
                    }
                    break;
                case FieldReference field:
                    Add(field.FieldType);
                    break;
            }
        }

        foreach (var t in Flatten(type))
        {
            Add(t.BaseType);
            t.Interfaces.ToList().ForEach(i => Add(i.InterfaceType));
            AddAttributes(t);
            foreach (var field in t.Fields)
            {
                Add(field.FieldType);
                AddAttributes(field);
            }
            foreach (var property in t.Properties)
            {
                Add(property.PropertyType);
                AddAttributes(property);
            }
            foreach (var method in t.Methods)
            {
                AddAttributes(method);
                Add(method.ReturnType);
                foreach (var parameter in method.Parameters)
                {
                    Add(parameter.ParameterType);
                }
                if (!method.HasBody)
                {
                    continue;
                }
                method.Body.Variables.ToList().ForEach(v => Add(v.VariableType));
                foreach (var instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference operandType:
                            Add(operandType);
                            break;
                        case MemberReference member:
                            AddMember(member);
                            break;
                    }
                }
            }
        }
        return result;
    }

    private static IEnumerable<TypeDefinition> Flatten(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(Flatten));
}
