using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace AgentMesh.Cli.Commands;

/// <summary>The standard help, followed by the command's <see cref="CommandExamples"/>.</summary>
internal sealed class ExamplesHelpAction(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var code = help.Invoke(parseResult);
        var examples = CommandExamples.Of(parseResult.CommandResult.Command);
        if (examples.Count > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
        }

        return code;
    }

    /// <summary>A help option (<c>-h</c>, <c>--help</c>, on every subcommand) that prints examples too.</summary>
    public static HelpOption CreateOption()
    {
        var option = new HelpOption();
        // HelpOption's own action is a HelpAction; the cast documents the dependency on that.
        option.Action = new ExamplesHelpAction((HelpAction)option.Action!);
        return option;
    }
}
