namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// The per-session-key circuit: <see cref="FailureThreshold"/> consecutive non-retryable failures
/// (default 3, DESIGN.md) open it; an operator's <c>reset</c> or a success closes it.
/// </summary>
public sealed record CircuitPolicy
{
    /// <summary>Consecutive non-retryable failures that open the circuit.</summary>
    public int FailureThreshold
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(FailureThreshold));
            field = value;
        }
    } = 3;

    /// <summary>
    /// When set, an open circuit lets one probe message through this long after it opened
    /// (half-open); the probe's success closes it, its failure opens it for another period.
    /// <see langword="null"/> (the default) keeps an open circuit open until an operator resets
    /// it: the restart-loop incident shows that retrying a non-retryable failure by itself is the
    /// failure, so automatic probing is an opt-in.
    /// </summary>
    public TimeSpan? HalfOpenAfter
    {
        get;
        init
        {
            if (value is { } after)
            {
                ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(after, TimeSpan.Zero, nameof(HalfOpenAfter));
            }

            field = value;
        }
    }
}
