namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// Back-off for retryable failures: the n-th retry waits
/// <c>MinDelay × Multiplier^(n-1)</c>, capped at <see cref="MaxDelay"/>, minus a random jitter of
/// up to <see cref="JitterFraction"/> of it, never below <see cref="MinDelay"/>. Defaults: 1 s,
/// doubling, at most 5 minutes, 20% jitter, 5 retries (1, 2, 4, 8, 16 s before jitter: a
/// transient outage of half a minute is ridden out, a longer one is reported).
/// </summary>
public sealed record RetryPolicy
{
    public TimeSpan MinDelay
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(MinDelay));
            field = value;
        }
    } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay; must not be below <see cref="MinDelay"/> (checked where the policy is used).</summary>
    public TimeSpan MaxDelay
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(MaxDelay));
            field = value;
        }
    } = TimeSpan.FromMinutes(5);

    public double Multiplier
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1.0, nameof(Multiplier));
            field = value;
        }
    } = 2.0;

    /// <summary>
    /// Up to this fraction of a delay is taken off at random (0 = no jitter, 1 = "full jitter"),
    /// so that agents failing together do not retry together.
    /// </summary>
    public double JitterFraction
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0, nameof(JitterFraction));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0, nameof(JitterFraction));
            field = value;
        }
    } = 0.2;

    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxRetries));
            field = value;
        }
    } = 5;
}
