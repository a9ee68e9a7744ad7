using AgentMesh.Cli.Simulation;
using Xunit.Abstractions;

namespace AgentMesh.Cli.Tests.Simulation;

/// <summary>
/// Each built-in scenario through the real engine (actors, budgets, SQLite, the simulated clock) and the
/// bridge model, with the targets of issue 8 asserted on exact counts: the clock is the simulation's.
/// </summary>
public sealed class BuiltInScenarioTests(ITestOutputHelper output)
{
    /// <summary>Real time a whole run may take before the test fails instead of hanging the suite; runs take seconds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task OnboardingLoop_SpendsUnderATenthOfAPercent_AtMostOneSession_AlertsWithinFiveMinutes()
    {
        var result = await RunAsync("onboarding-loop");
        var mesh = result.AgentMesh;

        result.Traffic.Sends.Should().BeGreaterThan(4_500, "7 onboarding messages on each of ~720 rediscoveries in 15 h");
        mesh.Sessions.Should().BeLessThanOrEqualTo(1);
        ((double)mesh.InputTokens / result.Bridge.InputTokens).Should().BeLessThanOrEqualTo(0.001);
        mesh.FirstAlertSeconds.Should().BeLessThanOrEqualTo(300);
        mesh.FirstAlertKind.Should().Be("agent-flapping");
        mesh.Welcomes.Should().Be(1, "one welcome per incarnation, however often the link comes back");
        mesh.DuplicatesDropped.Should().Be(result.Traffic.Sends, "every re-sent onboarding payload repeats the welcome the incarnation already had");
        result.Bridge.Sessions.Should().Be(result.Traffic.Sends);
        result.Bridge.InputTokens.Should().Be(result.Traffic.Sends * 80_500);
        result.Targets.Should().OnlyContain(t => t.Met).And.HaveCount(3);
    }

    [Fact]
    public async Task RestartLoop_ThreeFailedRuns_OneSessionInitialisation_AgainstOnePerMessageForTheBridge()
    {
        var result = await RunAsync("restart-loop");
        var mesh = result.AgentMesh;

        mesh.FailedRuns.Should().Be(3);
        mesh.ModelCalls.Should().Be(6, "each failed run tried the fallback model too");
        mesh.Sessions.Should().Be(1);
        mesh.Refused.Should().Be(result.Traffic.Sends - 3, "every message after the third failure is refused circuit-open");
        mesh.FirstAlertKind.Should().Be("circuit-open");
        mesh.ContainedBy.Should().StartWith("circuit open");
        result.Bridge.Sessions.Should().Be(result.Traffic.Sends);
        result.Bridge.FailedRuns.Should().Be(result.Traffic.Sends);
        result.Targets.Should().OnlyContain(t => t.Met).And.HaveCount(3);
    }

    [Fact]
    public async Task IdleNudge_NoModelCallOnIdleTicks_BridgeCostGrowsSuperlinearly()
    {
        var result = await RunAsync("idle-nudge");
        var mesh = result.AgentMesh;

        result.Traffic.PollTicks.Should().Be(45);
        mesh.ModelCalls.Should().Be(1, "45 idle ticks cost nothing; the one new message costs one call");
        mesh.Nudges.Should().Be(1);
        result.Bridge.ModelCalls.Should().Be(45);

        // Each tick re-reads the context and the conversation so far: the cost of tick k grows with k.
        var ticks = result.Bridge.PollTickInputs;
        ticks.Should().HaveCount(45);
        ticks.Zip(ticks.Skip(1), (a, b) => b - a).Should().OnlyContain(step => step == 5_000);
        var total = result.Bridge.InputTokens;
        var halfway = result.Bridge.Series.Last(p => p.Seconds <= result.DurationSeconds / 2).InputTokens;
        halfway.Should().BeLessThan(total * 4 / 10, "a superlinear curve spends far less in its first half than in its second");
        result.Targets.Should().OnlyContain(t => t.Met).And.HaveCount(4);
    }

    [Theory]
    [InlineData("design-storm")]
    [InlineData("duplicate-updates")]
    public async Task Duplicates_AreAllDropped_AndModelCallsHappenOnlyOnNewMessages(string scenario)
    {
        var result = await RunAsync(scenario);
        var mesh = result.AgentMesh;

        result.Traffic.Copies.Should().BeGreaterThan(0);
        mesh.DuplicatesDropped.Should().Be(result.Traffic.Copies);
        mesh.ModelCalls.Should().Be(result.Traffic.NewMessageDeliveries);
        mesh.Runs.Should().Be(result.Traffic.NewMessageDeliveries);
        result.Bridge.ModelCalls.Should().BeGreaterThan(mesh.ModelCalls * 3);
        result.Targets.Should().OnlyContain(t => t.Met).And.HaveCount(2);
    }

    [Fact]
    public async Task SubagentFanout_IsThrottled_ThenSuspendedByTheSpawnBudget()
    {
        var result = await RunAsync("subagent-fanout");
        var mesh = result.AgentMesh;

        result.Bridge.Sessions.Should().Be(1_093, "3 sub-agents per turn, six levels deep");
        mesh.FirstAlertKind.Should().Be("spawn-throttled");
        mesh.ContainedBy.Should().Contain("session spawns");
        mesh.Sessions.Should().BeLessThanOrEqualTo(22);
        mesh.Alerts.Should().Contain(a => a.Kind == "budget-hard-limit");
        result.Targets.Should().OnlyContain(t => t.Met);
    }

    [Fact]
    public async Task Run_IsReproducible_ForASeed_AndDiffers_ForAnother()
    {
        var scenario = BuiltInScenarios.Load("duplicate-updates");
        var first = await SimulationRunner.RunAsync(scenario, 11, CancellationToken.None).WaitAsync(Patience);
        var second = await SimulationRunner.RunAsync(scenario, 11, CancellationToken.None).WaitAsync(Patience);
        var other = await SimulationRunner.RunAsync(scenario, 12, CancellationToken.None).WaitAsync(Patience);

        Comparable(second).Should().Be(Comparable(first));
        Comparable(other).Should().NotBe(Comparable(first), "another seed draws other gaps");
    }

    private async Task<SimulationResult> RunAsync(string name)
    {
        var result = await SimulationRunner.RunAsync(BuiltInScenarios.Load(name), null, CancellationToken.None).WaitAsync(Patience);
        foreach (var (label, mesh, bridge) in SimulationText.Rows(result).Where(r => !r.Label.StartsWith("cost at", StringComparison.Ordinal) || r.Label.Contains("sonnet", StringComparison.Ordinal)))
        {
            output.WriteLine($"{label,-36} {mesh,30} {bridge,30}");
        }

        output.WriteLine($"wall time {result.WallSeconds} s");
        return result;
    }

    /// <summary>The result's JSON without the wall time, which is the one figure that is not simulated.</summary>
    private static string Comparable(SimulationResult result) => SimulationJson.Serialize(result with { WallSeconds = 0 });
}
