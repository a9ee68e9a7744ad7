using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentMesh.Cli.Rendering;

/// <summary>
/// The command's standard output: Spectre.Console renderables (with colours only on a terminal),
/// plain lines, and JSON exactly as the node sent it, indented.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonWriterOptions IndentedJson = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CliContext _context;
    private readonly Lock _lock = new();

    public CliOutput(CliContext context)
    {
        _context = context;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = context.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = context.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(context.Output),
        });
        if (!context.IsTerminal)
        {
            Console.Profile.Width = context.Width;
        }
    }

    public IAnsiConsole Console { get; }

    public bool IsTerminal => _context.IsTerminal;

    public void Write(IRenderable renderable)
    {
        lock (_lock)
        {
            Console.Write(renderable);
        }
    }

    /// <summary>One line of plain text; nothing in it is read as markup.</summary>
    public void Line(string text)
    {
        lock (_lock)
        {
            Console.Write(new Text(text + Environment.NewLine));
        }
    }

    /// <summary>One line of Spectre markup; escape every value put into it with <see cref="Markup.Escape"/>.</summary>
    public void MarkupLine(string markup)
    {
        lock (_lock)
        {
            Console.MarkupLine(markup);
        }
    }

    public void Json(JsonElement element, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedJson : IndentedJson with { Indented = false }))
        {
            element.WriteTo(writer);
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        lock (_lock)
        {
            // Straight to the writer: JSON must not be wrapped at the console width.
            _context.Output.WriteLine(text);
            _context.Output.Flush();
        }
    }
}
