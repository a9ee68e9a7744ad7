namespace AgentMesh.Orchestration.Policies;

/// <summary>Per-agent changes to a <see cref="CircuitPolicy"/>; a <see langword="null"/> property keeps the default.</summary>
public sealed record CircuitPolicyOverride
{
    public int? FailureThreshold { get; init; }

    /// <summary>Turns half-open probing on with this cool-down; see <see cref="DisableHalfOpen"/> to turn it off.</summary>
    public TimeSpan? HalfOpenAfter { get; init; }

    /// <summary>Turns half-open probing off even where the defaults enable it; wins over <see cref="HalfOpenAfter"/>.</summary>
    public bool DisableHalfOpen { get; init; }

    public CircuitPolicy ApplyTo(CircuitPolicy policy) => policy with
    {
        FailureThreshold = FailureThreshold ?? policy.FailureThreshold,
        HalfOpenAfter = DisableHalfOpen ? null : HalfOpenAfter ?? policy.HalfOpenAfter,
    };
}
