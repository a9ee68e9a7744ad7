using System.Text.RegularExpressions;

namespace AgentMesh.Cli.Tests;

/// <summary><c>agentmesh demo</c> end to end, shortened, in plain-text mode.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_QuarantinesTheFlappingAgent_DropsTheDuplicates_AndSpawnsOneSession()
    {
        var run = await CliRun.RunAsync("demo", "--duration", "5");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Output.Should().Contain("gpu-box links up").And.Contain("mac-mini sends the onboarding payload: message 1")
            .And.Contain("duplicate of message 1, dropped").And.Contain("ready → flapping")
            .And.Contain("agent-flapping").And.MatchRegex(@"Dashboard: http://127\.0\.0\.1:\d+/");
        Row(run.Output, "gpu-box's state").Should().StartWith("flapping");
        Row(run.Output, "welcomes sent to gpu-box").Should().StartWith("1 ");
        Row(run.Output, "sessions spawned (80K context each)").Should().StartWith("1 ");
        run.Error.Should().BeEmpty();
    }

    [Theory]
    [InlineData("4")]
    [InlineData("51")]
    public async Task Demo_RefusesADurationOutOfRange(string seconds)
    {
        var run = await CliRun.RunAsync("demo", "--duration", seconds);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().StartWith("--duration must be from 5 to 50 seconds");
    }

    /// <summary>The AgentMesh and bridge cells of one row of the final table, e.g. "1 │ 10".</summary>
    private static string Row(string output, string label)
    {
        var match = Regex.Match(output, $@"│ {Regex.Escape(label)} +│ +(?<mesh>[^│]+?) +│ +(?<bridge>[^│]+?) +│");
        match.Success.Should().BeTrue($"the table has a row '{label}'");
        return $"{match.Groups["mesh"].Value} │ {match.Groups["bridge"].Value}";
    }
}
