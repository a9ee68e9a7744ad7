namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// One agent's changes to the fleet's <see cref="AgentPolicy"/>, field by field: only what is set
/// here differs from the defaults, so a later change of a default still reaches this agent.
/// </summary>
public sealed record AgentPolicyOverride
{
    public FlapPolicyOverride? Flap { get; init; }

    public DedupPolicyOverride? Dedup { get; init; }

    public SessionPolicyOverride? Session { get; init; }

    public CircuitPolicyOverride? Circuit { get; init; }

    public RetryPolicyOverride? Retry { get; init; }

    public WatchPolicyOverride? Watch { get; init; }
}
