using AgentMesh.Orchestration.Policies;

namespace AgentMesh.Orchestration.Sessions;

/// <summary>
/// Delays between retries of a retryable failure, after <see cref="RetryPolicy"/>: exponential
/// from <see cref="RetryPolicy.MinDelay"/>, capped at <see cref="RetryPolicy.MaxDelay"/>, with
/// random jitter taken off, never below the minimum. The <see cref="Random"/> is injected so that
/// tests are deterministic; like it, an instance is not thread-safe.
/// </summary>
public sealed class Backoff
{
    private readonly RetryPolicy _policy;
    private readonly Random _random;

    /// <exception cref="ArgumentException">The policy's maximum delay is below its minimum.</exception>
    public Backoff(RetryPolicy policy, Random random)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(random);
        if (policy.MaxDelay < policy.MinDelay)
        {
            throw new ArgumentException(
                $"RetryPolicy.MaxDelay ({policy.MaxDelay}) must not be below RetryPolicy.MinDelay ({policy.MinDelay}).",
                nameof(policy));
        }

        _policy = policy;
        _random = random;
    }

    /// <summary><c>first × multiplier^step</c>, capped at <paramref name="max"/>; never overflows.</summary>
    public static TimeSpan Exponential(TimeSpan first, double multiplier, int step, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var ticks = first.Ticks * Math.Pow(multiplier, step);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The delay before retry number <paramref name="retry"/> (1 for the first retry), or
    /// <see langword="false"/> when the policy allows no more retries.
    /// </summary>
    public bool TryGetDelay(int retry, out TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (retry > _policy.MaxRetries)
        {
            delay = TimeSpan.Zero;
            return false;
        }

        var full = Exponential(_policy.MinDelay, _policy.Multiplier, retry - 1, _policy.MaxDelay);
        var jittered = TimeSpan.FromTicks((long)(full.Ticks * (1 - (_policy.JitterFraction * _random.NextDouble()))));
        delay = jittered < _policy.MinDelay ? _policy.MinDelay : jittered;
        return true;
    }
}
