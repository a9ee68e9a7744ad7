namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// The periodic check-in: every <see cref="Interval"/> (default 10 minutes, DESIGN.md) the watch
/// reads the inbox's highest id and nudges only when it is newer than the high-water mark. When
/// the read fails, the watch degrades to a blind nudge, at most one per tick and backing off
/// exponentially (on failing ticks 1, 2, 4, 8, … of a run, the gap capped at
/// <see cref="MaxDegradedNudgeInterval"/>), and raises an alert at the
/// <see cref="AlertAfterFailures"/>-th consecutive failure (default 3: half an hour of a store
/// that cannot answer).
/// </summary>
public sealed record WatchPolicy
{
    public TimeSpan Interval
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(Interval));
            field = value;
        }
    } = TimeSpan.FromMinutes(10);

    public int AlertAfterFailures
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(AlertAfterFailures));
            field = value;
        }
    } = 3;

    /// <summary>
    /// The longest gap between two blind nudges while reads keep failing (default 2 hours);
    /// counted in ticks, rounded up, and never less than one tick.
    /// </summary>
    public TimeSpan MaxDegradedNudgeInterval
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(MaxDegradedNudgeInterval));
            field = value;
        }
    } = TimeSpan.FromHours(2);

    /// <summary>
    /// <see cref="MaxDegradedNudgeInterval"/> in ticks of <see cref="Interval"/>, rounded up, at
    /// least 1 and at most a million (beyond which blind nudges have stopped for practical purposes).
    /// </summary>
    public int MaxDegradedNudgeGapTicks =>
        (int)Math.Clamp(Math.Ceiling(MaxDegradedNudgeInterval.Ticks / (double)Interval.Ticks), 1, 1_000_000);
}
