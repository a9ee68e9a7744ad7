namespace AgentMesh.Orchestration.Policies;

/// <summary>Per-agent changes to a <see cref="RetryPolicy"/>; a <see langword="null"/> property keeps the default.</summary>
public sealed record RetryPolicyOverride
{
    public TimeSpan? MinDelay { get; init; }

    public TimeSpan? MaxDelay { get; init; }

    public double? Multiplier { get; init; }

    public double? JitterFraction { get; init; }

    public int? MaxRetries { get; init; }

    public RetryPolicy ApplyTo(RetryPolicy policy) => policy with
    {
        MinDelay = MinDelay ?? policy.MinDelay,
        MaxDelay = MaxDelay ?? policy.MaxDelay,
        Multiplier = Multiplier ?? policy.Multiplier,
        JitterFraction = JitterFraction ?? policy.JitterFraction,
        MaxRetries = MaxRetries ?? policy.MaxRetries,
    };
}
