namespace AgentMesh.Cli.Simulation;

/// <summary>
/// The named figures of a result that scenario targets compare (docs/simulate.md lists them). A time
/// figure of something that never happened is +∞, so that "at most" fails and "at least" holds.
/// </summary>
internal static class SimulationFigures
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "agentmesh.sessions", "agentmesh.modelCalls", "agentmesh.failedRuns", "agentmesh.inputTokens", "agentmesh.outputTokens",
        "agentmesh.duplicatesDropped", "agentmesh.messagesAccepted", "agentmesh.refused", "agentmesh.nudges", "agentmesh.welcomes",
        "agentmesh.firstAlertSeconds", "agentmesh.containmentSeconds",
        "bridge.sessions", "bridge.modelCalls", "bridge.failedRuns", "bridge.inputTokens", "bridge.outputTokens",
        "bridge.pollTickGrowth", "bridge.pollTicksSuperlinear",
        "inputTokenRatio",
        "traffic.sends", "traffic.copies", "traffic.messages", "traffic.newMessageDeliveries", "traffic.linkTransitions", "traffic.pollTicks",
    };

    public static IReadOnlyDictionary<string, double> Of(TrafficSummary traffic, RunFigures mesh, RunFigures bridge)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(bridge);
        var ticks = bridge.PollTickInputs;
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["agentmesh.sessions"] = mesh.Sessions,
            ["agentmesh.modelCalls"] = mesh.ModelCalls,
            ["agentmesh.failedRuns"] = mesh.FailedRuns,
            ["agentmesh.inputTokens"] = mesh.InputTokens,
            ["agentmesh.outputTokens"] = mesh.OutputTokens,
            ["agentmesh.duplicatesDropped"] = mesh.DuplicatesDropped,
            ["agentmesh.messagesAccepted"] = mesh.MessagesAccepted,
            ["agentmesh.refused"] = mesh.Refused,
            ["agentmesh.nudges"] = mesh.Nudges,
            ["agentmesh.welcomes"] = mesh.Welcomes,
            ["agentmesh.firstAlertSeconds"] = mesh.FirstAlertSeconds ?? double.PositiveInfinity,
            ["agentmesh.containmentSeconds"] = mesh.ContainmentSeconds ?? double.PositiveInfinity,
            ["bridge.sessions"] = bridge.Sessions,
            ["bridge.modelCalls"] = bridge.ModelCalls,
            ["bridge.failedRuns"] = bridge.FailedRuns,
            ["bridge.inputTokens"] = bridge.InputTokens,
            ["bridge.outputTokens"] = bridge.OutputTokens,
            // The last poll tick's input over the first's: 1 for a flat cost per tick, growing when each tick re-reads more.
            ["bridge.pollTickGrowth"] = ticks.Count == 0 ? 0 : (double)ticks[^1] / ticks[0],
            // 1 when every tick costs strictly more than the one before: cumulative tokens grow faster than the tick count.
            ["bridge.pollTicksSuperlinear"] = ticks.Count > 2 && ticks.Zip(ticks.Skip(1)).All(p => p.Second > p.First) ? 1 : 0,
            ["inputTokenRatio"] = bridge.InputTokens == 0 ? 0 : (double)mesh.InputTokens / bridge.InputTokens,
            ["traffic.sends"] = traffic.Sends,
            ["traffic.copies"] = traffic.Copies,
            ["traffic.messages"] = traffic.Messages,
            ["traffic.newMessageDeliveries"] = traffic.NewMessageDeliveries,
            ["traffic.linkTransitions"] = traffic.LinkTransitions,
            ["traffic.pollTicks"] = traffic.PollTicks,
        };
        return figures;
    }

    public static IReadOnlyList<TargetOutcome> Check(IEnumerable<ScenarioTarget> targets, IReadOnlyDictionary<string, double> figures)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(figures);
        var outcomes = new List<TargetOutcome>();
        foreach (var target in targets)
        {
            var value = figures[target.Figure];
            var (comparison, bound) = target.AtMost is { } atMost ? ("≤", atMost)
                : target.AtLeast is { } atLeast ? ("≥", atLeast)
                : ("=", target.EqualTo!); // The reader requires exactly one bound.
            var boundValue = bound.Resolve(figures);
            var met = comparison switch
            {
                "≤" => value <= boundValue,
                "≥" => value >= boundValue,
                _ => value == boundValue,
            };
            outcomes.Add(new TargetOutcome(target.Label, target.Figure, comparison, Finite(value), bound.ToString(), Finite(boundValue), met));
        }

        return outcomes;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
