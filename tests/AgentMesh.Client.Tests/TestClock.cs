namespace AgentMesh.Client.Tests;

/// <summary>
/// A clock that moves only when the test calls <see cref="Advance"/>, which fires the timers that fall
/// due on the way, in due order, on the calling thread. The client's back-off, hello and send timeouts
/// all run on it, so a test decides exactly when each of them elapses.
/// </summary>
/// <remarks>
/// A copy of the idea of AgentMesh.Actors.TestKit.ManualTimeProvider, kept here so that the client's
/// tests build nothing of the kernel.
/// </remarks>
internal sealed class TestClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<Timer> _timers = [];
    private readonly DateTimeOffset _start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private TimeSpan _elapsed;
    private long _sequence;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers armed and not yet fired or disposed.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>When each armed timer falls due, from now.</summary>
    public IReadOnlyList<TimeSpan> DueIn
    {
        get
        {
            lock (_lock)
            {
                return [.. _timers.Select(t => t.DueAt - _elapsed).Order()];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _start + _elapsed;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _elapsed.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        by.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
        TimeSpan target;
        lock (_lock)
        {
            target = _elapsed + by;
        }

        while (true)
        {
            Timer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).ThenBy(t => t.Sequence).FirstOrDefault();
                if (next is null)
                {
                    _elapsed = target;
                    return;
                }

                _elapsed = next.DueAt;
                if (next.Period is { } period)
                {
                    next.DueAt += period;
                }
                else
                {
                    _timers.Remove(next);
                }
            }

            // Outside the lock: a callback may arm or dispose timers.
            next.Callback(next.State);
        }
    }

    private sealed class Timer(TestClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public TimeSpan DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public long Sequence { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = clock._elapsed + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                Sequence = ++clock._sequence;
                clock._timers.Add(this);
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
