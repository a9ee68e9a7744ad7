namespace AgentMesh.Cli.Simulation;

/// <summary>
/// The simulated clock: it moves only when the simulation moves it, one timer at a time, so that the
/// actors can be given time to react to each timer before the next one fires. Written here rather
/// than reusing the test kit's <c>ManualTimeProvider</c> because product code must not reference the
/// test kit, and because the simulation needs <see cref="TryFireNext"/> (fire exactly one timer, then
/// let the caller settle the actors) instead of an <c>Advance</c> that fires everything on the way.
/// Timers may be created, changed and disposed from any thread; only the simulation moves the clock.
/// </summary>
internal sealed class SimulationClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<SimulationTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence;

    public SimulationClock(DateTimeOffset start)
    {
        _start = _now = start.ToUniversalTime();
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Ticks of <see cref="TimeSpan"/> (100 ns), so elapsed times are exact.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return (_now - _start).Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SimulationTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Fires the earliest timer due at or before <paramref name="limit"/> (the clock is set to its due
    /// time while its callback runs, on the calling thread) and answers true; when none is due by then,
    /// moves the clock to <paramref name="limit"/> and answers false. Never moves the clock backwards.
    /// </summary>
    public bool TryFireNext(DateTimeOffset limit)
    {
        SimulationTimer? next = null;
        lock (_lock)
        {
            foreach (var timer in _timers)
            {
                if (timer.DueAt is { } due && due <= limit &&
                    (next is null || due < next.DueAt || (due == next.DueAt && timer.Sequence < next.Sequence)))
                {
                    next = timer;
                }
            }

            if (next is null)
            {
                if (limit > _now)
                {
                    _now = limit;
                }

                return false;
            }

            if (next.DueAt!.Value > _now) // Selected only among timers with a due time.
            {
                _now = next.DueAt.Value;
            }

            next.OnFiring();
        }

        next.Callback(next.State);
        return true;
    }

    private void Schedule(SimulationTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                _timers.Remove(timer);
                return;
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            timer.DueAt = _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : period;
            timer.Sequence = ++_sequence;
            if (!_timers.Contains(timer))
            {
                _timers.Add(timer);
            }
        }
    }

    private void Remove(SimulationTimer timer)
    {
        lock (_lock)
        {
            timer.DueAt = null;
            _timers.Remove(timer);
        }
    }

    private sealed class SimulationTimer(SimulationClock owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        /// <summary>Called under the owner's lock just before the callback: re-arms a periodic timer, retires a one-shot one.</summary>
        public void OnFiring()
        {
            if (Period is { } period)
            {
                DueAt += period;
                Sequence = ++owner._sequence;
            }
            else
            {
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
