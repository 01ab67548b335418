using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace PrivacyPortal.Modules.Foundation.Notifications;

/// <summary>The outcome of rendering one template text: the text, or what is wrong with it.</summary>
/// <param name="TooLarge">The template ran into a limit (<see cref="TemplateRenderer.MaxOutput"/>, steps, nesting, time); <paramref name="SyntaxError"/> says which.</param>
public sealed record RenderResult(string? Text, string? SyntaxError, IReadOnlyList<string> UnknownPlaceholders, bool TooLarge = false)
{
    public bool Succeeded => SyntaxError is null && UnknownPlaceholders.Count == 0;
}

/// <summary>
/// Liquid (Fluid) rendering of plain text. A placeholder the purpose does not declare is an error, not an empty
/// string: the template is refused when it is saved rather than sending a message with a hole in it.
/// Officers write templates, so rendering is bounded: steps, nesting, output length and time. A template that
/// breaks a limit or fails in any other way (an include, a bad argument) comes back as an error, never an exception.
/// </summary>
public sealed class TemplateRenderer
{
    /// <summary>What the outbox can hold of one rendered text (its body column).</summary>
    public const int MaxOutput = NotificationTemplateConfiguration.MaxBody * 2;

    /// <summary>Statements per render: a real message takes a few hundred, a loop over a long range is stopped.</summary>
    public const int MaxSteps = 20_000;

    public const int MaxRecursion = 10;

    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(1);

    private static readonly FluidParser Parser = new();

    // Built once: the options carry the filter table, which is costly to set up per message.
    private static readonly TemplateOptions Options = new() { StrictFilters = true, MaxSteps = MaxSteps, MaxRecursion = MaxRecursion };
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
        using var output = new LimitedWriter();
        try
        {
            template.RenderAsync(output, context, NullEncoder.Default, true).GetAwaiter().GetResult();
            return new RenderResult(output.ToString(), null, unknown);
        }
        catch (LimitException e)
        {
            return new RenderResult(null, e.Message, unknown, TooLarge: true);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase))
        {
            // Fluid's own MaxSteps and MaxRecursion.
            return new RenderResult(null, e.Message, unknown, TooLarge: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An include (there are no template files), a filter given a bad argument: the officer's text, not the portal's fault.
            return new RenderResult(null, e.Message, unknown);
        }
    }

    /// <summary>Counts what is written and checks the time on every write, so a runaway template stops early.</summary>
    private sealed class LimitedWriter() : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        private readonly long started = System.Diagnostics.Stopwatch.GetTimestamp();

        public override void Write(char value)
        {
            Check(1);
            base.Write(value);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(char value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(string? value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(char[] buffer, int index, int count)
        {
            Write(buffer, index, count);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return Task.CompletedTask;
        }

        private void Check(int adding)
        {
            if (GetStringBuilder().Length + adding > MaxOutput)
            {
                throw new LimitException($"The text would be longer than {MaxOutput} characters.");
            }
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > MaxTime)
            {
                throw new LimitException($"Rendering took longer than {MaxTime.TotalSeconds:0} s.");
            }
        }
    }

    private sealed class LimitException(string message) : Exception(message);
}
