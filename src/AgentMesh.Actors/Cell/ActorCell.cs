using System.Collections.Concurrent;
using AgentMesh.Actors.Dispatch;
using AgentMesh.Actors.Timers;

namespace AgentMesh.Actors;

/// <summary>
/// One actor incarnation: its ref, its mailbox and its context in a single object, so an idle actor
/// costs one cell, its actor instance, its path and nothing else (no queue, no task, no timer).
/// </summary>
/// <remarks>
/// Concurrency invariants:
/// <list type="bullet">
/// <item>Only the thread running <see cref="Execute"/> touches the actor, its behaviour, its extras
/// (except the children map, see <see cref="CellExtras"/>) and the lifecycle field. At most one
/// <see cref="Execute"/> runs at a time because a turn is queued only by whoever moves
/// <see cref="_status"/> from idle to scheduled with a CAS, and the turn clears the flag as its
/// last step, then re-checks the queues (a producer enqueues before it tries the CAS, so one of
/// the two always sees the other's work).</item>
/// <item>Producers (any thread) only enqueue to <see cref="_queue"/> or push to
/// <see cref="_systemHead"/>, then try to schedule.</item>
/// </list>
/// </remarks>
internal sealed partial class ActorCell : IInternalActorRef, IActorContext, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;
    private const int Dead = 2;

    [ThreadStatic]
    private static ActorCell? s_creating;

    /// <summary>The actor whose turn runs on this thread: the implicit sender of its tells, as in Akka.</summary>
    [ThreadStatic]
    private static ActorCell? s_current;

    /// <summary>
    /// A cell that a turn on this thread scheduled, to run next on this same thread instead of going
    /// through the thread pool's queues (a message hand-off: the receiver runs where the message is hot).
    /// </summary>
    [ThreadStatic]
    private static ActorCell? s_handoff;

    /// <summary>Hand-offs this thread may still take before it must give other work a turn; 0 outside <see cref="Execute"/>.</summary>
    [ThreadStatic]
    private static int s_handoffsLeft;

    /// <summary>Consecutive hand-offs on one thread before the chain goes back through the pool, for fairness.</summary>
    private const int MaxHandoffs = 32;

    private readonly ActorSystem _system;
    private readonly ActorCell? _parent;
    private readonly Props _props;
    private readonly ActorPath _path;

    private Actor? _actor;
    private Receive? _behavior;
    private IActorRef _sender = Nobody.Instance;
    private object? _currentMessage;
    private CellExtras? _extras;
    private ConcurrentQueue<Envelope>? _queue;
    private SystemMessage? _systemHead;

    /// <summary>Scheduled and Dead bits; changed only with Interlocked operations.</summary>
    private int _status;

    /// <summary>Written only on the actor's turn; read by producers to skip scheduling a suspended actor.</summary>
    private int _suspendCount;

    private Lifecycle _lifecycle;

    internal ActorCell(ActorSystem system, ActorCell? parent, Props props, ActorPath path)
    {
        _system = system;
        _parent = parent;
        _props = props;
        _path = path;
    }

    private enum Lifecycle : byte
    {
        Creating,
        Running,
        Recreating,
        Terminating,
        Terminated,
    }

    /// <summary>The cell whose actor instance is being constructed on this thread.</summary>
    internal static ActorCell? CurrentlyCreating => s_creating;

    public ActorPath Path => _path;

    public bool IsTerminated => (Volatile.Read(ref _status) & Dead) != 0;

    public IActorRef Self => this;

    public IActorRef Sender => _sender;

    public IActorRef Parent => (IActorRef?)_parent ?? Nobody.Instance;

    public ActorSystem System => _system;

    public Props Props => _props;

    internal ActorCell? ParentCell => _parent;

    private CellExtras Extras => _extras ??= new CellExtras();

    public ITimerScheduler Timers => Extras.Timers ??= new TimerScheduler(this, _system.TimeProvider);

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender ??= (IActorRef?)s_current ?? Nobody.Instance;
        if ((Volatile.Read(ref _status) & Dead) != 0)
        {
            _system.DeadLetter(message, sender, this);
            return;
        }

        var queue = _queue ?? EnsureQueue();
        queue.Enqueue(new Envelope(message, sender));
        if (Volatile.Read(ref _suspendCount) == 0)
        {
            TrySchedule();
        }

        if ((Volatile.Read(ref _status) & Dead) != 0)
        {
            // The cell died between the first check and the enqueue; its final drain may have
            // missed this message, so drain again (ConcurrentQueue tolerates concurrent dequeues).
            DrainToDeadLetters();
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (SystemMessageList.TryPush(ref _systemHead, message))
        {
            TrySchedule();
        }
        else
        {
            HandleSystemMessageWhenDead(message);
        }
    }

    /// <summary>
    /// Runs this cell's turn, then the turns of cells handed off on this thread (at most
    /// <see cref="MaxHandoffs"/>); a hand-off left over goes to the pool like any other schedule.
    /// </summary>
    public void Execute()
    {
        s_handoffsLeft = MaxHandoffs;
        var cell = this;
        try
        {
            while (cell is not null)
            {
                cell.RunTurn();
                cell = s_handoff;
                s_handoff = null;
                if (cell is not null && --s_handoffsLeft <= 0)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: true);
                    cell = null;
                }
            }
        }
        finally
        {
            s_handoffsLeft = 0;
            if (s_handoff is { } pending)
            {
                // Only reached if a turn threw past its own handlers: the handed-off cell must still run.
                s_handoff = null;
                ThreadPool.UnsafeQueueUserWorkItem(pending, preferLocal: true);
            }
        }
    }

    /// <summary>One turn: system messages, then up to the throughput of user messages.</summary>
    private void RunTurn()
    {
        var previous = s_current;
        s_current = this;
        try
        {
            ProcessSystemMessages();
            var budget = _props.Mailbox.Throughput;
            while (budget-- > 0 && CanProcessUserMessages() && TryDequeue(out var envelope))
            {
                Invoke(envelope);
                if (SystemMessageList.HasMessages(ref _systemHead))
                {
                    ProcessSystemMessages();
                }
            }
        }
        finally
        {
            s_current = previous;
            Interlocked.And(ref _status, ~Scheduled);
            if (HasWork())
            {
                TrySchedule();
            }
        }
    }

    public override string ToString() => _path.ToString();

    private ConcurrentQueue<Envelope> EnsureQueue()
    {
        Interlocked.CompareExchange(ref _queue, new ConcurrentQueue<Envelope>(), null);
        return _queue;
    }

    private void TrySchedule()
    {
        if (Volatile.Read(ref _status) == Idle &&
            Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            if (s_handoffsLeft > 0 && s_handoff is null)
            {
                // Told from a turn on this thread: run right after it, here (see Execute).
                s_handoff = this;
                return;
            }

            // preferLocal: the turn usually runs on the thread that just told us, right after its
            // own turn, instead of waking a thread through the global queue.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    private bool CanProcessUserMessages() =>
        _suspendCount == 0 && _lifecycle == Lifecycle.Running;

    private bool HasWork()
    {
        if ((Volatile.Read(ref _status) & Dead) != 0)
        {
            return false;
        }

        return SystemMessageList.HasMessages(ref _systemHead) ||
            (CanProcessUserMessages() && HasUserMessages());
    }

    private bool HasUserMessages() =>
        _extras?.Front is { Count: > 0 } || _queue is { IsEmpty: false };

    private bool TryDequeue(out Envelope envelope)
    {
        if (_extras?.Front is { Count: > 0 } front)
        {
            envelope = front.Dequeue();
            return true;
        }

        if (_queue is { } queue)
        {
            return queue.TryDequeue(out envelope);
        }

        envelope = default;
        return false;
    }

    private void Invoke(Envelope envelope)
    {
        _sender = envelope.Sender;
        var message = envelope.Message;
        try
        {
            if (message is IAutoReceivedMessage)
            {
                InvokeAutoReceived(message, envelope);
            }
            else
            {
                InvokeBehavior(message);
            }
        }
        catch (Exception ex)
        {
            Extras.FailedMessage = message;
            HandleInvokeFailure(ex);
        }
        finally
        {
            _sender = Nobody.Instance;
            _currentMessage = null;
        }
    }

    private void InvokeBehavior(object message)
    {
        _currentMessage = message;
        if (_behavior is { } behavior)
        {
            behavior(message);
        }
        else
        {
            // Called directly rather than through a delegate so the common path allocates nothing.
            _actor!.InvokeReceive(message); // Running implies an instance: Invoke is only reached in that state.
        }

        if (_extras?.ReceiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
        {
            RearmReceiveTimeout();
        }
    }

    private void InvokeAutoReceived(object message, Envelope envelope)
    {
        switch (message)
        {
            case PoisonPill:
                Stop(this);
                break;
            case Kill:
                throw new ActorKilledException($"{_path} was killed.");
            case TimerFired fired:
                if (_extras?.Timers?.TryTake(fired) is { } timerMessage)
                {
                    _sender = Nobody.Instance;
                    InvokeBehavior(timerMessage);
                }

                break;
            case Terminated terminated:
                if (_extras?.Watching?.Remove(terminated.Actor) == true)
                {
                    InvokeBehavior(terminated);
                }

                break;
            case ReceiveTimeout:
                if (ReceiveTimeoutIsDue())
                {
                    InvokeBehavior(message);
                    RearmReceiveTimeout();
                }

                break;
            default:
                InvokeBehavior(envelope.Message);
                break;
        }
    }

    internal void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.Actor);
        }

        _system.EventStream.Publish(new UnhandledMessage(message, _sender, this));
    }

    private void DrainToDeadLetters()
    {
        if (_extras is { } extras)
        {
            if (extras.Stash is { } stash)
            {
                foreach (var envelope in stash)
                {
                    DeadLetter(envelope);
                }

                stash.Clear();
            }

            while (extras.Front is { Count: > 0 } front)
            {
                DeadLetter(front.Dequeue());
            }
        }

        if (_queue is { } queue)
        {
            while (queue.TryDequeue(out var envelope))
            {
                DeadLetter(envelope);
            }
        }
    }

    private void DeadLetter(Envelope envelope)
    {
        // Kernel-internal messages (timer ticks, receive timeouts, watch notices) are not letters anyone sent.
        if (envelope.Message is not TimerFired and not ReceiveTimeout and not Terminated)
        {
            _system.DeadLetter(envelope.Message, envelope.Sender, this);
        }
    }
}
