namespace AgentMesh.Cli.Simulation;

/// <summary>Every run of <see cref="Agent"/> started in [<see cref="Start"/>, <see cref="End"/>) fails this way.</summary>
internal sealed record ScenarioFailure
{
    public required string Agent { get; init; }

    public TimeSpan Start { get; init; }

    public TimeSpan? End { get; init; }

    public bool Retryable { get; init; }

    public string Error { get; init; } = "model call failed";

    /// <summary>The agent tries a fallback model after the failure, which fails too: two model calls per failed run.</summary>
    public bool Fallback { get; init; }
}
