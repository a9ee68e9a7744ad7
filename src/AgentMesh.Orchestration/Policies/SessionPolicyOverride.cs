namespace AgentMesh.Orchestration.Policies;

/// <summary>Per-agent changes to a <see cref="SessionPolicy"/>; a <see langword="null"/> property keeps the default.</summary>
public sealed record SessionPolicyOverride
{
    public int? MaxSpawns { get; init; }

    public TimeSpan? SpawnWindow { get; init; }

    public TimeSpan? IdleTimeout { get; init; }

    public SessionPolicy ApplyTo(SessionPolicy policy) => policy with
    {
        MaxSpawns = MaxSpawns ?? policy.MaxSpawns,
        SpawnWindow = SpawnWindow ?? policy.SpawnWindow,
        IdleTimeout = IdleTimeout ?? policy.IdleTimeout,
    };
}
