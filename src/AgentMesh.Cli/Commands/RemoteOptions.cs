using System.CommandLine;
using System.Text.Json;
using AgentMesh.Cli.Admin;
using AgentMesh.Cli.Rendering;
using Spectre.Console.Rendering;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>--node</c>, <c>--token</c> and <c>--json</c>, shared by every command that talks to a node's
/// admin API, and what they resolve to.
/// </summary>
internal sealed class RemoteOptions(CliContext context, CliOutput output)
{
    public const string DefaultNodeUrl = "http://127.0.0.1:5080";
    public const string NodeVariable = "AGENTMESH_NODE";
    public const string TokenVariable = "AGENTMESH_TOKEN";

    public Option<string?> Node { get; } = new("--node")
    {
        Description = $"The node's address [default: ${NodeVariable}, else {DefaultNodeUrl}]",
        HelpName = "url",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"The node's admin token [default: ${TokenVariable}]",
        HelpName = "token",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the node's JSON answer, indented, instead of a table",
    };

    public CliOutput Output => output;

    public TCommand AddTo<TCommand>(TCommand command)
        where TCommand : Command
    {
        command.Add(Node);
        command.Add(Token);
        command.Add(Json);
        return command;
    }

    /// <summary>The admin client for <c>--node</c> and <c>--token</c>, or their environment variables.</summary>
    /// <exception cref="CliException">The address is not an absolute http(s) URL (<see cref="ExitCodes.Usage"/>).</exception>
    public AdminClient Connect(ParseResult parseResult)
    {
        var text = NonEmpty(parseResult.GetValue(Node)) ?? NonEmpty(context.GetEnvironmentVariable(NodeVariable)) ?? DefaultNodeUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCodes.Usage, $"the node address must be an http:// or https:// URL such as {DefaultNodeUrl}; got '{text}'");
        }

        // A base address without a trailing slash would drop its last path segment from relative paths.
        if (!url.AbsolutePath.EndsWith('/'))
        {
            url = new Uri(url.GetLeftPart(UriPartial.Path) + "/");
        }

        var token = NonEmpty(parseResult.GetValue(Token)) ?? NonEmpty(context.GetEnvironmentVariable(TokenVariable));
        return new AdminClient(url, token);
    }

    /// <summary>Prints <paramref name="answer"/> as JSON under <c>--json</c>, else as <paramref name="view"/> renders it.</summary>
    public int Show(ParseResult parseResult, JsonElement answer, Func<JsonElement, IRenderable> view)
    {
        if (parseResult.GetValue(Json))
        {
            output.Json(answer);
        }
        else
        {
            output.Write(view(answer));
        }

        return ExitCodes.Ok;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
