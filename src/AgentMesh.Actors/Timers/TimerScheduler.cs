namespace AgentMesh.Actors.Timers;

/// <summary>The timers of one actor; used only on the actor's own turn, ticks arrive through its mailbox.</summary>
internal sealed class TimerScheduler(ActorCell owner, TimeProvider time) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer needs a positive interval.");
        }

        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }

        _timers.Clear();
    }

    /// <summary>The message a tick stands for, or null when its timer was cancelled or replaced.</summary>
    public object? TryTake(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var entry) || !ReferenceEquals(entry.Tick, fired))
        {
            return null;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(fired.Key);
            entry.Timer.Dispose();
        }

        return entry.Message;
    }

    private void Start(object key, object message, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer delay cannot be negative.");
        }

        Cancel(key);
        var tick = new TimerFired(key);
        var timer = time.CreateTimer(
            static state =>
            {
                var (cell, fired) = ((ActorCell, TimerFired))state!;
                cell.Tell(fired);
            },
            (owner, tick),
            dueTime,
            period);
        _timers[key] = new Entry(timer, tick, message, period != Timeout.InfiniteTimeSpan);
    }

    private sealed record Entry(ITimer Timer, TimerFired Tick, object Message, bool Periodic);
}
