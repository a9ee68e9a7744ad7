namespace AgentMesh.Cli.Simulation;

/// <summary>
/// A message schedule: who sends what to whom, and when — once <see cref="At"/>, <see cref="Every"/>
/// gap between <see cref="Start"/> and <see cref="End"/>, or every time the recipient's link comes up
/// (<see cref="OnLinkUp"/>, the orchestrator's "re-discovery"). Each send is every body of
/// <see cref="Bodies"/> in order, each delivered <see cref="Copies"/> times within <see cref="CopiesWithin"/>.
/// </summary>
internal sealed record ScenarioMessage
{
    /// <summary>A scenario agent (it sends over its link; it may post to a room) or any other name (an outside sender).</summary>
    public required string From { get; init; }

    /// <summary>A scenario agent or <c>room:&lt;name&gt;</c>.</summary>
    public required string To { get; init; }

    /// <summary><c>message</c>, <c>onboarding</c> or <c>broadcast</c>.</summary>
    public string Kind { get; init; } = "message";

    /// <summary>The texts of one send; <c>{n}</c> is replaced by the send's number (1, 2, …) in this schedule.</summary>
    public required IReadOnlyList<string> Bodies { get; init; }

    public string SessionKey { get; init; } = "default";

    public TimeSpan? At { get; init; }

    public DurationRange? Every { get; init; }

    public TimeSpan Start { get; init; }

    public TimeSpan? End { get; init; }

    public bool OnLinkUp { get; init; }

    public int Copies { get; init; } = 1;

    public TimeSpan CopiesWithin { get; init; }
}
