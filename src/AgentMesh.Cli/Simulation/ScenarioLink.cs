namespace AgentMesh.Cli.Simulation;

/// <summary>
/// A link schedule: between <see cref="Start"/> and <see cref="End"/> the agent's link is up for
/// <see cref="Up"/>, then down for <see cref="Down"/>, again and again (a flapping link; up = 0 and
/// one cycle make a single outage). Outside every schedule a link is up for the whole run.
/// </summary>
internal sealed record ScenarioLink
{
    public required string Agent { get; init; }

    public TimeSpan Start { get; init; }

    public TimeSpan? End { get; init; }

    public required DurationRange Up { get; init; }

    public required DurationRange Down { get; init; }
}
