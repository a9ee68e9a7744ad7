using System.CommandLine;
using AgentMesh.Cli.Demo;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh demo</c>.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context, CliOutput output)
    {
        var duration = new Option<int>("--duration") { Description = "Seconds the replay runs, 5 to 50", HelpName = "seconds", DefaultValueFactory = _ => 25 };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the demo's node up after the replay, until Ctrl-C, to open its dashboard" };
        var command = new Command("demo", """
            Replay the overnight onboarding loop against a real node started here (temporary SQLite file,
            free loopback port): a newcomer agent on a flapping link and an orchestrator that re-sends the
            same onboarding payload on every reconnect. Watch the node quarantine the agent, drop the
            duplicates, start one session at most and alert, next to what a forward-everything bridge
            would have spent. Real time, compressed: a reconnect every ~0.8 s instead of every 60-90 s.
            """)
        {
            duration, keepRunning,
        }.WithExamples("agentmesh demo", "agentmesh demo --duration 10", "agentmesh demo --keep-running");
        command.SetAction((parseResult, cancellationToken) =>
        {
            var seconds = parseResult.GetValue(duration);
            if (seconds is < 5 or > 50)
            {
                throw new CliException(ExitCodes.Usage, "--duration must be from 5 to 50 seconds");
            }

            var settings = new DemoSettings { Duration = TimeSpan.FromSeconds(seconds), KeepRunning = parseResult.GetValue(keepRunning) };
            return new DemoRunner(context, output, settings).RunAsync(cancellationToken);
        });
        return command;
    }
}
