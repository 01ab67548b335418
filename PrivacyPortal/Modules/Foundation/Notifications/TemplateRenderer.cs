using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>The outcome of rendering one template text: the text, or what is wrong with it.</summary>
public sealed record RenderResult(string? Text, string? SyntaxError, IReadOnlyList<string> UnknownPlaceholders)
{
    public bool Succeeded => SyntaxError is null && UnknownPlaceholders.Count == 0;
}

/// <summary>
/// Liquid (Fluid) rendering of plain text. A placeholder the purpose does not declare is an error, not an empty
/// string: the template is refused when it is saved rather than sending a message with a hole in it.
/// </summary>
public sealed class TemplateRenderer
{
    private static readonly FluidParser Parser = new();

    // Built once: the options carry the filter table, which is costly to set up per message.
    private static readonly TemplateOptions Options = new() { StrictFilters = true };
    private readonly ConcurrentDictionary<string, IFluidTemplate> parsed = new(StringComparer.Ordinal);

    public RenderResult Render(string source, IReadOnlyDictionary<string, string> values)
    {
        IFluidTemplate template;
        if (!parsed.TryGetValue(source, out template!))
        {
            if (!Parser.TryParse(source, out template, out var error))
            {
                return new RenderResult(null, error, []);
            }
            if (parsed.Count > 1000)
            {
                parsed.Clear();
            }
            parsed[source] = template;
        }

        var unknown = new List<string>();
        var context = new TemplateContext(Options);
        context.Undefined = name =>
        {
            if (!unknown.Contains(name))
            {
                unknown.Add(name);
            }
            return ValueTask.FromResult<FluidValue>(NilValue.Instance);
        };
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }
        try
        {
            var text = template.Render(context, NullEncoder.Default);
            return new RenderResult(text, null, unknown);
        }
        catch (Exception e) when (e is InvalidOperationException or FluidException or ArgumentException or FormatException)
        {
            return new RenderResult(null, e.Message, unknown);
        }
    }
}
