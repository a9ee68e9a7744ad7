using System.CommandLine;
using AgentMesh.Node;
using AgentMesh.Node.Hosting;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh node [--config F] [node arguments]</c>: a node in the foreground.</summary>
internal static class NodeCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config") { Description = "A JSON settings file layered over the shipped defaults", HelpName = "file" };
        var command = new Command("node", """
            Run a node in the foreground until Ctrl-C or SIGTERM, then stop it cleanly. Other arguments go
            to the node: --urls <urls>, --name <name>, any setting as --AgentMesh:Section:Key=value
            (docs/node.md). Exit codes are the node's: 0 stopped, 1 failed, 2 store unavailable,
            3 invalid configuration, 4 cannot listen.
            """)
        {
            config,
        }.WithExamples(
            "agentmesh node",
            "agentmesh node --config cluster-config/mac-mini.json",
            "agentmesh node --urls http://127.0.0.1:7400 --name mac-mini --AgentMesh:Store:Sqlite:Path=/srv/agentmesh/agentmesh.db");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            string[] args =
            [
                .. parseResult.GetValue(config) is { } file ? ["--config", file] : Array.Empty<string>(),
                .. parseResult.UnmatchedTokens,
            ];
            var hostOptions = NodeHostOptions.Default with
            {
                ErrorOutput = context.Error,
                ConsoleOutput = context.IsTerminal ? null : context.Output,
                EnvironmentVariables = context.EnvironmentVariables,
            };
            return AgentMeshNode.RunAsync(args, hostOptions, cancellationToken);
        });
        return command;
    }
}
