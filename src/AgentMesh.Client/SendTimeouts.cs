namespace AgentMesh.Client;

/// <summary>
/// Times out a client's sends with one timer instead of one per send. Every send gets the same
/// timeout, so deadlines fall in the order sends start: they wait in a queue, and the timer is armed
/// for the oldest unanswered one. Answered sends leave the queue as the front passes them.
/// </summary>
internal sealed class SendTimeouts : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Lock _lock = new();
    private readonly Queue<(PendingSend Send, long StartedAt)> _waiting = new();
    private readonly ITimer _timer;
    private bool _armed;

    public SendTimeouts(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        _timeout = timeout;
        _timer = time.CreateTimer(static state => ((SendTimeouts)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts <paramref name="send"/>'s clock: unless it is answered first, it fails with a <see cref="TimeoutException"/> after the timeout.</summary>
    public void Start(PendingSend send)
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            DropAnswered();
            _waiting.Enqueue((send, now));
            if (!_armed)
            {
                _armed = true;
                _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Expire()
    {
        List<PendingSend>? overdue = null;
        lock (_lock)
        {
            _armed = false;
            DropAnswered();
            while (_waiting.TryPeek(out var oldest))
            {
                var waited = _time.GetElapsedTime(oldest.StartedAt);
                if (waited < _timeout)
                {
                    _armed = true;
                    _timer.Change(_timeout - waited, Timeout.InfiniteTimeSpan);
                    break;
                }

                _waiting.Dequeue();
                (overdue ??= []).Add(oldest.Send);
            }
        }

        // Outside the lock: failing a send runs nothing inline (its continuations are asynchronous), but
        // the lock is for the queue only.
        foreach (var send in overdue ?? [])
        {
            send.TryTimeOut(_timeout);
        }
    }

    private void DropAnswered()
    {
        while (_waiting.TryPeek(out var oldest) && oldest.Send.Answer.IsCompleted)
        {
            _waiting.Dequeue();
        }
    }
}
