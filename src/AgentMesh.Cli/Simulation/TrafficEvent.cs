namespace AgentMesh.Cli.Simulation;

/// <summary>
/// One planned event of a scenario: a link going up or down (<see cref="From"/> is the agent), or a
/// message sent. <see cref="Copy"/> marks a repeated delivery of the send numbered <see cref="SendId"/>.
/// </summary>
internal sealed record TrafficEvent(TimeSpan At, long Sequence, TrafficEventKind Kind, string From)
{
    public string To { get; init; } = string.Empty;

    public string Body { get; init; } = string.Empty;

    public string MessageKind { get; init; } = "message";

    public string SessionKey { get; init; } = "default";

    public long SendId { get; init; }

    public bool Copy { get; init; }
}
