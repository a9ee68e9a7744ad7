namespace AgentMesh.Cli.Simulation;

/// <summary>A duration, fixed (<see cref="Min"/> = <see cref="Max"/>) or drawn uniformly from [min, max] by the seeded random source.</summary>
internal sealed record DurationRange(TimeSpan Min, TimeSpan Max)
{
    public static DurationRange Fixed(TimeSpan value) => new(value, value);

    /// <summary>A value in [min, max], whole milliseconds, so that a seed gives the same figures everywhere.</summary>
    public TimeSpan Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Max <= Min)
        {
            return Min;
        }

        var spanMs = (long)(Max - Min).TotalMilliseconds;
        return Min + TimeSpan.FromMilliseconds(random.NextInt64(0, spanMs + 1));
    }
}
