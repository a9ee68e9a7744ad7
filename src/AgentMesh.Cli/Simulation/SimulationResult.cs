namespace AgentMesh.Cli.Simulation;

/// <summary>Both runs of one scenario, the traffic they replayed, and the scenario's targets checked (what <c>--json</c> prints).</summary>
internal sealed record SimulationResult
{
    public required string Scenario { get; init; }

    public required string Title { get; init; }

    public required int Seed { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>Real time the AgentMesh run took (the bridge model takes next to none).</summary>
    public required double WallSeconds { get; init; }

    public required TrafficSummary Traffic { get; init; }

    public required RunFigures AgentMesh { get; init; }

    public required RunFigures Bridge { get; init; }

    public required IReadOnlyList<TargetOutcome> Targets { get; init; }
}
