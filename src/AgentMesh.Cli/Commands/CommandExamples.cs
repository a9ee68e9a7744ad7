using System.CommandLine;
using System.Runtime.CompilerServices;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// Examples attached to a command and printed after its help (System.CommandLine 2.0 has no examples
/// section of its own), so that a subcommand listing stays one description long.
/// </summary>
internal static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = [];

    public static TCommand WithExamples<TCommand>(this TCommand command, params string[] examples)
        where TCommand : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static IReadOnlyList<string> Of(Command command) =>
        Examples.TryGetValue(command, out var examples) ? examples : [];
}
