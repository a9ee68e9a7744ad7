using AgentMesh.Actors.Dispatch;

namespace AgentMesh.Actors;

internal sealed partial class ActorCell
{
    public void Become(Receive behavior, bool discardOld = true)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        if (!discardOld)
        {
            // null stands for the actor's own OnReceive, the bottom of the stack.
            (Extras.BehaviorStack ??= new Stack<Receive?>()).Push(_behavior);
        }

        _behavior = behavior;
    }

    public void Unbecome()
    {
        _behavior = _extras?.BehaviorStack is { Count: > 0 } stack ? stack.Pop() : null;
    }

    public void Stash()
    {
        var extras = Extras;
        var message = _currentMessage
            ?? throw new InvalidOperationException("Stash can only be called while a message is being processed.");
        (extras.Stash ??= []).Add(new Envelope(message, _sender));
    }

    public void UnstashAll() => UnstashAllInternal();

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } value && value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be positive, or null to turn it off.");
        }

        var extras = Extras;
        extras.ReceiveTimeout = timeout;
        if (timeout is null)
        {
            extras.ReceiveTimeoutTimer?.Dispose();
            extras.ReceiveTimeoutTimer = null;
            return;
        }

        RearmReceiveTimeout();
    }

    private void RearmReceiveTimeout()
    {
        var extras = Extras;
        if (extras.ReceiveTimeout is not { } timeout)
        {
            return;
        }

        extras.LastActivityTimestamp = _system.TimeProvider.GetTimestamp();
        if (extras.ReceiveTimeoutTimer is { } timer)
        {
            timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }
        else
        {
            extras.ReceiveTimeoutTimer = _system.TimeProvider.CreateTimer(
                static state => ((ActorCell)state!).Tell(ReceiveTimeout.Instance),
                this,
                timeout,
                Timeout.InfiniteTimeSpan);
        }
    }

    private bool ReceiveTimeoutIsDue()
    {
        if (_extras is not { ReceiveTimeout: { } timeout } extras)
        {
            return false;
        }

        return _system.TimeProvider.GetElapsedTime(extras.LastActivityTimestamp) >= timeout;
    }

    /// <summary>
    /// Puts <paramref name="messages"/> in front of the mailbox, before anything already there, in
    /// their order. For kernel extensions (the persistent actor's own stash); actor code uses <see cref="UnstashAll"/>.
    /// </summary>
    internal void Prepend(IReadOnlyCollection<Envelope> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var extras = Extras;
        var front = new Queue<Envelope>(messages.Count + (extras.Front?.Count ?? 0));
        foreach (var envelope in messages)
        {
            front.Enqueue(envelope);
        }

        if (extras.Front is { } existing)
        {
            while (existing.Count > 0)
            {
                front.Enqueue(existing.Dequeue());
            }
        }

        extras.Front = front;
    }

    /// <summary>Makes <paramref name="sender"/> the <c>Sender</c> for the rest of the current message (persist handlers run with their command's sender).</summary>
    internal void OverrideSender(IActorRef sender) => _sender = sender;

    private void UnstashAllInternal()
    {
        if (_extras is not { Stash: { Count: > 0 } stash })
        {
            return;
        }

        Prepend([.. stash]);
        stash.Clear();
    }
}
