namespace AgentMesh.Actors.Supervision;

/// <summary>When the backoff supervisor starts its child again.</summary>
public enum BackoffMode
{
    /// <summary>After the child failed (threw); a child that stops on its own stays stopped.</summary>
    OnFailure,

    /// <summary>After the child stopped for any reason, failures included.</summary>
    OnStop,
}

/// <summary>
/// Settings of a backoff supervisor: the n-th consecutive restart waits
/// <c>min(MaxBackoff, MinBackoff * 2^n) * (1 + RandomFactor * r)</c> with r uniform in [0, 1), and
/// the count returns to zero once the child has run for <see cref="ResetAfter"/> without dying.
/// </summary>
public sealed record BackoffOptions(Props ChildProps, string ChildName)
{
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Jitter, so many children failing together do not restart together.</summary>
    public double RandomFactor { get; init; } = 0.2;

    /// <summary>How long the child must live for its restart count to reset; null means ten times <see cref="MinBackoff"/>.</summary>
    public TimeSpan? ResetAfter { get; init; }

    public BackoffMode Mode { get; init; } = BackoffMode.OnFailure;

    /// <summary>Restarts in a row before giving up and stopping the supervisor; negative means never give up.</summary>
    public int MaxRestarts { get; init; } = -1;

    /// <summary>The jitter source; set a seeded one for reproducible tests.</summary>
    public Random Random { get; init; } = Random.Shared;

    internal TimeSpan EffectiveResetAfter => ResetAfter ?? MinBackoff * 10;

    /// <summary>The delay before restart number <paramref name="restartCount"/> (0-based).</summary>
    public TimeSpan DelayFor(int restartCount)
    {
        var exponential = MinBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(restartCount, 30));
        var capped = Math.Min(MaxBackoff.TotalMilliseconds, exponential);
        var jittered = capped * (1 + (RandomFactor * Random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxBackoff.TotalMilliseconds * (1 + RandomFactor)));
    }
}
