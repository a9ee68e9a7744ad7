namespace AgentMesh.Client;

/// <summary>
/// The delay before reconnect attempt <c>n</c> (1-based): <c>min · 2^(n-1)</c>, capped at <c>max</c>,
/// then shortened by up to <c>jitter</c> of itself at random. Used by one loop at a time.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan min, TimeSpan max, double jitter, Random random)
{
    public TimeSpan DelayFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // 2^62 ticks overflows nothing in double and is far past any cap; Min keeps Pow bounded.
        var exponential = min.Ticks * Math.Pow(2, Math.Min(attempt - 1, 62));
        var capped = Math.Min(exponential, max.Ticks);
        var jittered = jitter == 0 ? capped : capped * (1 - (jitter * random.NextDouble()));
        return TimeSpan.FromTicks((long)jittered);
    }
}
