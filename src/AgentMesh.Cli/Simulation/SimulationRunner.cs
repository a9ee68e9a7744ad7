using System.Diagnostics;

namespace AgentMesh.Cli.Simulation;

/// <summary>Plans a scenario's traffic from the seed, runs it through AgentMesh and through the bridge model, and checks the targets.</summary>
internal static class SimulationRunner
{
    public static async Task<SimulationResult> RunAsync(Scenario scenario, int? seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var actualSeed = seed ?? scenario.Seed;
        var plan = TrafficPlan.Create(scenario, actualSeed);
        var prices = BridgeArithmetic.PricesFor(scenario);
        var bridge = BridgeModel.Run(scenario, plan, prices);
        var started = Stopwatch.GetTimestamp();
        var mesh = await MeshSimulation.RunAsync(scenario, plan, prices, actualSeed, cancellationToken).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started);
        var traffic = new TrafficSummary(
            plan.Sends,
            plan.Copies,
            plan.Messages,
            plan.NewMessageDeliveries,
            plan.Events.Count(e => e.Kind != TrafficEventKind.Send) - scenario.Agents.Count,
            plan.PollTicks.Values.Sum(t => t.Count));
        var figures = SimulationFigures.Of(traffic, mesh, bridge);
        return new SimulationResult
        {
            Scenario = scenario.Name,
            Title = scenario.Title,
            Seed = actualSeed,
            DurationSeconds = scenario.Duration.TotalSeconds,
            WallSeconds = Math.Round(wall.TotalSeconds, 2),
            Traffic = traffic,
            AgentMesh = mesh,
            Bridge = bridge,
            Targets = SimulationFigures.Check(scenario.Targets, figures),
        };
    }
}
