namespace AgentMesh.Cli.Simulation;

/// <summary>
/// A check of the outcome: figure <see cref="Figure"/> (a name of <see cref="SimulationFigures"/>)
/// compared with a number or with another figure. Exactly one of the bounds is set.
/// </summary>
internal sealed record ScenarioTarget
{
    public required string Label { get; init; }

    public required string Figure { get; init; }

    public ScenarioBound? AtMost { get; init; }

    public ScenarioBound? AtLeast { get; init; }

    public ScenarioBound? EqualTo { get; init; }
}
