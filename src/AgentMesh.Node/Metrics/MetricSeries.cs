namespace AgentMesh.Node.Metrics;

/// <summary>
/// One series (one label set) of one instrument. Measurements arrive on any thread; every read
/// and write holds the instance's lock, which is never held while calling out.
/// </summary>
internal sealed class MetricSeries(string labels, IReadOnlyList<double>? bounds)
{
    private readonly Lock _lock = new();
    private readonly long[] _bucketCounts = new long[(bounds?.Count ?? 0) + 1];
    private double _value;
    private long _count;

    /// <summary>The rendered labels without braces, <c>a="x",b="y"</c>, sorted by name; empty for none.</summary>
    public string Labels { get; } = labels;

    public void Add(double increment)
    {
        lock (_lock)
        {
            _value += increment;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    /// <summary>Counts <paramref name="value"/> in the first bucket whose upper bound is at least the value.</summary>
    public void Observe(double value)
    {
        var bucket = 0;
        while (bounds is not null && bucket < bounds.Count && value > bounds[bucket])
        {
            bucket++;
        }

        lock (_lock)
        {
            _bucketCounts[bucket]++;
            _value += value;
            _count++;
        }
    }

    public double Value()
    {
        lock (_lock)
        {
            return _value;
        }
    }

    /// <summary>Cumulative bucket counts (the last one is <c>+Inf</c>), the sum and the count, read together.</summary>
    public (long[] Cumulative, double Sum, long Count) Histogram()
    {
        lock (_lock)
        {
            var cumulative = new long[_bucketCounts.Length];
            long running = 0;
            for (var i = 0; i < _bucketCounts.Length; i++)
            {
                running += _bucketCounts[i];
                cumulative[i] = running;
            }

            return (cumulative, _value, _count);
        }
    }
}
