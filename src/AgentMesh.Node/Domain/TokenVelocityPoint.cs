namespace AgentMesh.Node.Domain;

/// <summary>The tokens an agent reported in one bucket of a <see cref="TokenVelocitySeries"/>, starting at <paramref name="At"/>.</summary>
public sealed record TokenVelocityPoint(DateTimeOffset At, long InputTokens, long CachedInputTokens, long OutputTokens)
{
    /// <summary>Uncached input plus output: what budgets' token limits and velocity count (cache reads are left out).</summary>
    public long MeteredTokens => InputTokens + OutputTokens;
}
