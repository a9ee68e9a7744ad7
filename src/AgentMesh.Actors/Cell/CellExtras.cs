using AgentMesh.Actors.Dispatch;
using AgentMesh.Actors.Supervision;
using AgentMesh.Actors.Timers;

namespace AgentMesh.Actors;

/// <summary>
/// The parts of an actor cell most actors never use (children, watches, stash, timers, receive
/// timeout), allocated on first use so that an idle leaf actor costs only its cell and instance.
/// Everything here is touched only on the actor's own turn, except <see cref="Children"/>, which
/// spawns from outside the actor (the user guardian) also change: those go through <see cref="ChildrenLock"/>.
/// </summary>
internal sealed class CellExtras
{
    public readonly Lock ChildrenLock = new();

    /// <summary>Live and stopping children by name. Guarded by <see cref="ChildrenLock"/>.</summary>
    public Dictionary<string, ActorCell>? Children;

    /// <summary>Children sent a <see cref="Terminate"/> whose end has not been confirmed yet.</summary>
    public HashSet<ActorCell>? TerminatingChildren;

    public Dictionary<ActorCell, ChildRestartStats>? RestartStats;

    public long NextChildName;

    /// <summary>Actors this one watches (it will get <see cref="Terminated"/> for each).</summary>
    public HashSet<IActorRef>? Watching;

    /// <summary>Actors to tell when this one stops.</summary>
    public HashSet<IInternalActorRef>? WatchedBy;

    public Stack<Receive?>? BehaviorStack;

    public List<Envelope>? Stash;

    /// <summary>Unstashed messages, processed before the mailbox queue; only the actor's own turn touches it.</summary>
    public Queue<Envelope>? Front;

    public TimerScheduler? Timers;

    public TimeSpan? ReceiveTimeout;

    public ITimer? ReceiveTimeoutTimer;

    public long LastActivityTimestamp;

    /// <summary>The message whose processing failed, handed to <c>PreRestart</c>.</summary>
    public object? FailedMessage;

    /// <summary>Set while a restart waits for the old incarnation's children to stop.</summary>
    public Exception? PendingRecreateCause;
}
