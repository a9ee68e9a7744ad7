namespace AgentMesh.Orchestration.Time;

/// <summary>
/// The latest <see cref="Capacity"/> instants (UTC ticks), oldest first: the memory of the
/// sliding-window counters, which only ever need the most recent few. Pushing into a full ring
/// forgets the oldest. Not thread-safe.
/// </summary>
internal sealed class TimeRing
{
    private readonly long[] _ticks;
    private int _count;
    private int _next;

    public TimeRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ticks = new long[capacity];
    }

    public int Count => _count;

    public int Capacity => _ticks.Length;

    public bool IsFull => _count == _ticks.Length;

    /// <summary>The oldest instant kept; only when <see cref="Count"/> is above zero.</summary>
    public long Oldest => _ticks[Slot(0)];

    /// <summary>The latest instant kept; only when <see cref="Count"/> is above zero.</summary>
    public long Latest => _ticks[Slot(_count - 1)];

    /// <summary>A ring holding the latest <paramref name="capacity"/> of <paramref name="times"/> (given oldest first).</summary>
    public static TimeRing From(int capacity, ReadOnlySpan<DateTimeOffset> times)
    {
        var ring = new TimeRing(capacity);
        foreach (var time in times[Math.Max(0, times.Length - capacity)..])
        {
            ring.Push(time.UtcTicks);
        }

        return ring;
    }

    public void Push(long ticks)
    {
        _ticks[_next] = ticks;
        _next = (_next + 1) % _ticks.Length;
        _count = Math.Min(_count + 1, _ticks.Length);
    }

    public void DropOldest()
    {
        if (_count > 0)
        {
            _count--;
        }
    }

    /// <summary>The instants kept, oldest first, as UTC times.</summary>
    public DateTimeOffset[] ToArray()
    {
        var times = new DateTimeOffset[_count];
        for (var i = 0; i < _count; i++)
        {
            times[i] = new DateTimeOffset(_ticks[Slot(i)], TimeSpan.Zero);
        }

        return times;
    }

    private int Slot(int index) => (_next - _count + index + _ticks.Length) % _ticks.Length;
}
