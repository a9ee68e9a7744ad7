using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using AgentMesh.Cli.Commands;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli;

/// <summary>
/// The <c>agentmesh</c> command, callable in-process: parse, run, and turn every failure into one
/// line on the error writer and an exit code from <see cref="ExitCodes"/>.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the command with the process environment, writing to <paramref name="output"/> and <paramref name="error"/> without colours.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext { Output = output, Error = error }, cancellationToken);

    /// <summary>Runs the command; <paramref name="cancellationToken"/> is Ctrl-C, which ends long-running commands with exit code 0.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }

            await context.Error.WriteLineAsync($"Run '{CommandPath(parseResult.CommandResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration
            {
                Output = context.Output,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                // Ctrl-C is the caller's cancellationToken: a node needs longer than a fixed grace period to stop.
                ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
#pragma warning disable CA1031 // The last resort: one line instead of a stack trace, and exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync($"unexpected failure: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>The words that name a command, from the root: <c>agentmesh agents show</c>.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var named })
            {
                names.Add(named.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    internal static Command CreateRootCommand(CliContext context)
    {
        var output = new CliOutput(context);
        var remote = new RemoteOptions(context, output);
        // A plain command rather than RootCommand, whose name is the executable's (testhost in tests, the dll in a tool).
        var root = new Command("agentmesh", """
            Run an AgentMesh node, run an agent, and operate a node through its admin API.

            Remote commands take --node <url> (default $AGENTMESH_NODE, else http://127.0.0.1:5080) and
            --token <token> (default $AGENTMESH_TOKEN); read commands take --json. Exit codes: 0 ok,
            1 unexpected, 2 node unreachable, 3 unauthorized, 4 not found, 5 refused, 64 usage error.
            """)
        {
            ExamplesHelpAction.CreateOption(),
            new VersionOption(),
            NodeCommand.Create(context),
            AgentsCommand.Create(remote),
            BudgetCommand.Create(remote),
            AlertsCommand.Create(remote),
            ClusterCommand.Create(remote),
            AgentCommand.Create(context),
            DemoCommand.Create(context, output),
            SimulateCommand.Create(context, output),
        };
        return root.WithExamples(
            "agentmesh node --config cluster-config/mac-mini.json",
            "agentmesh agents list",
            "agentmesh agents suspend gpu-box --reason \"onboarding loop\"",
            "agentmesh alerts --follow",
            "agentmesh demo",
            "agentmesh simulate onboarding-loop");
    }
}
