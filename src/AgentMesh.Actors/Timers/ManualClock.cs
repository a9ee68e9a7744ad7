namespace AgentMesh.Actors.Timers;

/// <summary>
/// A clock that moves only when told: the tests' clock (the test kit's <c>ManualTimeProvider</c>) and
/// the one <c>agentmesh simulate</c> replays incidents on. <see cref="Advance"/> fires every timer that
/// falls due on the way, in due-time order, one at a time on the calling thread, with the clock set to
/// each timer's due time while its callback runs; periodic timers fire once per elapsed period.
/// <see cref="TryFireNext"/> fires exactly one, so that an owner can let the actors react before the
/// next. Meant to have one owner that moves it; timers may be created and changed from any thread.
/// </summary>
public class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _timerWaiters = [];
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence;
    private TimeZoneInfo _localTimeZone = TimeZoneInfo.Utc;

    public ManualClock(DateTimeOffset start)
    {
        _start = _now = start.ToUniversalTime();
    }

    public override TimeZoneInfo LocalTimeZone => _localTimeZone;

    /// <summary>Ticks of <see cref="TimeSpan"/> (100 ns), so elapsed times are exact.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers created and not yet disposed (including one-shot timers that have not fired).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public void SetLocalTimeZone(TimeZoneInfo zone) => _localTimeZone = zone ?? throw new ArgumentNullException(nameof(zone));

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
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing what falls due.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Time only moves forward.");
        }

        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + by;
        }

        while (TryFireNext(target))
        {
        }
    }

    /// <summary>
    /// Fires the earliest timer due at or before <paramref name="limit"/> (the clock is set to its due
    /// time while its callback runs, on the calling thread) and answers true; when none is due by then,
    /// moves the clock to <paramref name="limit"/> and answers false. Never moves the clock backwards.
    /// </summary>
    public bool TryFireNext(DateTimeOffset limit)
    {
        ManualTimer? next;
        lock (_lock)
        {
            next = null;
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

    public void AdvanceTo(DateTimeOffset instant) => Advance(instant - GetUtcNow());

    /// <summary>
    /// Completes when at least <paramref name="count"/> timers are active: lets a test wait until an
    /// actor has armed its timer before it advances the clock, instead of sleeping.
    /// </summary>
    public Task WhenActiveTimersAtLeast(int count)
    {
        lock (_lock)
        {
            if (_timers.Count(t => t.DueAt is not null) >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((count, signal));
            return signal.Task;
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                _timers.Remove(timer);
            }
            else
            {
                if (dueTime < TimeSpan.Zero)
                {
                    throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A due time must be zero, positive or infinite.");
                }

                timer.DueAt = _now + dueTime;
                timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                timer.Sequence = ++_sequence;
                if (!_timers.Contains(timer))
                {
                    _timers.Add(timer);
                }
            }

            var active = _timers.Count(t => t.DueAt is not null);
            for (var i = _timerWaiters.Count - 1; i >= 0; i--)
            {
                if (active >= _timerWaiters[i].Count)
                {
                    _timerWaiters[i].Signal.TrySetResult();
                    _timerWaiters.RemoveAt(i);
                }
            }
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            timer.DueAt = null;
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualClock owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public long Sequence { get; set; }

        private bool _disposed;

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
