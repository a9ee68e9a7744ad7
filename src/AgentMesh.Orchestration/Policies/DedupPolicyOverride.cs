namespace AgentMesh.Orchestration.Policies;

/// <summary>Per-agent changes to a <see cref="DedupPolicy"/>; a <see langword="null"/> property keeps the default.</summary>
public sealed record DedupPolicyOverride
{
    public TimeSpan? Cooldown { get; init; }

    public int? MaxEntries { get; init; }

    public DedupPolicy ApplyTo(DedupPolicy policy) => policy with
    {
        Cooldown = Cooldown ?? policy.Cooldown,
        MaxEntries = MaxEntries ?? policy.MaxEntries,
    };
}
