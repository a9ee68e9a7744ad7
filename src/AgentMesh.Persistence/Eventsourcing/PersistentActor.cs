using AgentMesh.Actors;
using AgentMesh.Actors.Dispatch;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Persistence.Eventsourcing;

/// <summary>
/// An event-sourced actor. On start it recovers: the latest snapshot (as a <see cref="SnapshotOffer"/>),
/// then every later event, then <see cref="RecoveryCompleted"/>, all through <see cref="OnRecover"/>;
/// commands that arrive meanwhile wait. Afterwards commands reach <see cref="OnCommand"/>, which
/// records facts with <see cref="Persist{TEvent}"/>: an event's handler runs only once the event is
/// durable, and commands that arrive while a write is in flight wait, so a handler always sees the
/// state every earlier event produced.
/// </summary>
/// <remarks>
/// <para>All events persisted while handling one message are written in one atomic batch; the events
/// of pipelined commands queued together share one (see <see cref="PostponeFlush"/>).</para>
/// <para><b>Pipelining.</b> A subclass may let some commands be handled while earlier writes are still
/// in flight (<see cref="CanPipeline"/>), so that a burst of them costs one group commit instead of one
/// commit each. Handlers still run in write order, each once its write is durable; what a pipelined
/// command decides must not depend on the state its predecessors' handlers will produce (or must
/// account for it), and replies it sends without persisting should go through <see cref="Defer"/>.
/// A command that is not pipelined waits for every write in flight, and while its own write is in
/// flight every command waits, so a non-pipelined command sees and produces state exactly as without
/// pipelining.</para>
/// <para>A journal write failure stops the actor (its region or backoff supervisor starts it again,
/// and it recovers what was durable); a <see cref="JournalConcurrencyException"/> means another writer
/// owns this persistence id, and the actor stops as well. A recovery failure (store down, unknown
/// manifest, corrupt payload) stops it with an error that names the persistence id and sequence number.</para>
/// <para>An event that cannot be serialized is rejected: <see cref="OnPersistRejected"/> runs (by default
/// it logs and answers the sender with <see cref="Status.Failure"/>), its handler does not, and the actor
/// keeps running.</para>
/// </remarks>
public abstract partial class PersistentActor : Actor
{
    /// <summary>The most events of pipelined commands written as one batch (see <see cref="PostponeFlush"/>).</summary>
    private const int MaxCoalescedEvents = 128;

    private readonly object _token = new();
    private readonly FlushPipelined _flushMarker;
    private readonly string _writerId = Guid.NewGuid().ToString("N");
    private readonly List<PendingEvent> _pending = [];
    private readonly Queue<InFlightBatch> _inFlight = new();
    private readonly Dictionary<long, WriteOutcome> _earlyOutcomes = [];
    private List<(Action Action, IActorRef Sender)>? _deferredAfterPending;
    private InFlightBatch? _newestInFlight;
    private int _exclusiveInFlight;
    private readonly Queue<Envelope> _waiting = new();
    private PersistenceExtension? _persistence;
    private long _highestAssigned;
    private bool _recovering = true;
    private bool _stopping;
    private bool _pendingPostponed;
    private bool _flushScheduled;

    protected PersistentActor()
    {
        _flushMarker = new FlushPipelined(_token);
    }

    /// <summary>The stable id of this entity's event stream, e.g. <c>agent-gpu-box</c>.</summary>
    public abstract PersistenceId PersistenceId { get; }

    /// <summary>
    /// When true, a saved snapshot trims the journal up to it (<see cref="DeleteMessages"/>), and the
    /// outcomes of saving and trimming are handled here instead of reaching <see cref="OnCommand"/>: a
    /// failed snapshot or trim only costs a longer replay next time.
    /// </summary>
    protected virtual bool TrimJournalAfterSnapshot => false;

    /// <summary>The sequence number of the last event recovered or confirmed durable.</summary>
    protected long LastSequenceNr { get; private set; }

    protected bool IsRecovering => _recovering;

    private PersistenceExtension Persistence => _persistence ??= PersistenceExtension.Get(Context.System);

    /// <summary>Applies a recovered snapshot, event, or <see cref="RecoveryCompleted"/> to the state. Must not persist.</summary>
    protected abstract void OnRecover(object message);

    /// <summary>Handles a command once recovery is complete.</summary>
    protected abstract void OnCommand(object message);

    /// <summary>
    /// Whether <paramref name="command"/> may be handled while earlier writes are in flight, as long as
    /// each of those came from a pipelined command too (see the class remarks). False by default.
    /// </summary>
    protected virtual bool CanPipeline(object command) => false;

    /// <summary>
    /// Runs <paramref name="action"/> with the current sender once every event persisted so far
    /// (including those of the command being handled) is durable; at once when nothing is pending or
    /// in flight. Not run if a write fails (the actor stops).
    /// </summary>
    protected void Defer(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_pending.Count > 0)
        {
            (_deferredAfterPending ??= []).Add((action, Sender));
        }
        else if (_inFlight.Count > 0)
        {
            _newestInFlight!.RunAfter(action, Sender); // Set whenever _inFlight is not empty.
        }
        else
        {
            action();
        }
    }

    /// <summary>Starts recovery. Persistent actors do their start-up work on <see cref="RecoveryCompleted"/>.</summary>
    protected sealed override void PreStart() => StartRecovery();

    protected override void PostStop()
    {
        // Commands still waiting for recovery or a write were not handled: say so.
        foreach (var envelope in _waiting)
        {
            Context.System.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, Self));
        }

        _waiting.Clear();
    }

    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case RecoveryStep step:
                if (ReferenceEquals(step.Token, _token))
                {
                    HandleRecoveryStep(step);
                }

                return;
            case FlushPipelined marker:
                if (ReferenceEquals(marker, _flushMarker))
                {
                    _flushScheduled = false;
                    FlushPostponed();
                }

                return;
            case WriteOutcome outcome:
                if (ReferenceEquals(outcome.Token, _token))
                {
                    HandleWriteOutcome(outcome);
                }

                return;
            case StoreReply reply:
                if (ReferenceEquals(reply.Token, _token) && !_recovering && !TrimmedAutomatically(reply.Message))
                {
                    FlushPostponed();
                    OnCommand(reply.Message);
                    FlushPending(pipelined: false);
                }

                return;
        }

        var pipelined = CanPipeline(message);
        if (!pipelined)
        {
            // It must see the state every earlier command's events produce, so those are written now.
            FlushPostponed();
        }

        if (_recovering || _stopping || _waiting.Count > 0 || !MayHandleNow(message))
        {
            // Commands keep their order: nothing overtakes one that is already waiting.
            _waiting.Enqueue(new Envelope(message, Sender));
            ProcessWaiting();
            return;
        }

        OnCommand(message);
        FinishCommand(pipelined);
    }

    /// <summary>Nothing in flight, or only pipelined writes and a command that may join them.</summary>
    private bool MayHandleNow(object command) =>
        _inFlight.Count == 0 || (_exclusiveInFlight == 0 && CanPipeline(command));

    /// <summary>
    /// Records <paramref name="event"/>; <paramref name="handler"/> runs with the current sender once it
    /// is durable. Call it while handling a command or inside another persist handler.
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        if (_recovering)
        {
            throw new InvalidOperationException($"{PersistenceId} cannot persist while recovering; persist from OnCommand.");
        }

        SerializedEvent serialized;
        try
        {
            serialized = Persistence.Serializer.Serialize(@event);
        }
        catch (EventRejectedException rejected)
        {
            OnPersistRejected(rejected, @event);
            return;
        }

        _pending.Add(new PendingEvent<TEvent>(serialized, @event, handler, Sender));
    }

    /// <summary>Records several events in one atomic batch; each handler runs in order once all are durable.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            Persist(@event, handler);
        }
    }

    /// <summary>Saves <paramref name="state"/> as of <see cref="LastSequenceNr"/>; the outcome arrives as <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sequenceNr = LastSequenceNr;
        SerializedEvent serialized;
        try
        {
            serialized = Persistence.Serializer.Serialize(state);
        }
        catch (EventRejectedException rejected)
        {
            Self.Tell(new StoreReply(_token, new SaveSnapshotFailure(sequenceNr, rejected)));
            return;
        }

        var entry = new SnapshotEntry(PersistenceId, sequenceNr, Context.System.TimeProvider.GetUtcNow(), serialized.Manifest, serialized.Payload);
        var self = Self;
        var token = _token;
        _ = Persistence.Snapshots.SaveAsync(entry, CancellationToken.None).ContinueWith(
            task => self.Tell(new StoreReply(token, task.IsCompletedSuccessfully
                ? new SaveSnapshotSuccess(sequenceNr)
                : new SaveSnapshotFailure(sequenceNr, Unwrap(task)))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Deletes journal entries up to <paramref name="toSequenceNr"/> (after a snapshot); the outcome arrives as a message.</summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        var self = Self;
        var token = _token;
        _ = Persistence.Journal.DeleteToAsync(PersistenceId, toSequenceNr, CancellationToken.None).ContinueWith(
            task => self.Tell(new StoreReply(token, task.IsCompletedSuccessfully
                ? new DeleteMessagesSuccess(toSequenceNr)
                : new DeleteMessagesFailure(toSequenceNr, Unwrap(task)))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>An event could not be serialized. By default: log, and answer the sender with a <see cref="Status.Failure"/>.</summary>
    protected virtual void OnPersistRejected(EventRejectedException cause, object @event)
    {
        EventsourcingLog.PersistRejected(Log, cause, PersistenceId.Value, @event.GetType().Name);
        Sender.Tell(new Status.Failure(cause));
    }

    /// <summary>A write failed; the actor stops right after this returns.</summary>
    protected virtual void OnPersistFailure(Exception cause, long fromSequenceNr, long toSequenceNr)
    {
    }

    /// <summary>Recovery failed; the actor stops right after this returns.</summary>
    protected virtual void OnRecoveryFailure(Exception cause)
    {
    }

    private bool TrimmedAutomatically(object storeReply)
    {
        if (!TrimJournalAfterSnapshot)
        {
            return false;
        }

        if (storeReply is SaveSnapshotSuccess saved)
        {
            DeleteMessages(saved.SequenceNr);
        }

        return storeReply is SaveSnapshotSuccess or SaveSnapshotFailure or DeleteMessagesSuccess or DeleteMessagesFailure;
    }

    private static Exception Unwrap(Task task) =>
        task.Exception?.GetBaseException() ?? new OperationCanceledException("The store operation was cancelled.");

    /// <summary>Writes what a command persisted: at once, or for a pipelined command, coalesced with the ones after it.</summary>
    private void FinishCommand(bool pipelined)
    {
        if (pipelined)
        {
            PostponeFlush();
        }
        else
        {
            FlushPending(pipelined: false);
        }
    }

    /// <summary>
    /// Holds back the write of a pipelined command's events so that the pipelined commands already in
    /// the mailbox join them in one batch: the write happens when a flush marker told to this actor
    /// comes round (after every message queued before it), when <see cref="MaxCoalescedEvents"/> are
    /// pending, or before anything that must see their effect (a command that is not pipelined, a
    /// write outcome, a store reply). A burst of accepts then costs one append, not one each.
    /// </summary>
    private void PostponeFlush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        _pendingPostponed = true;
        if (_pending.Count >= MaxCoalescedEvents)
        {
            FlushPending(pipelined: true);
        }
        else if (!_flushScheduled)
        {
            _flushScheduled = true;
            Self.Tell(_flushMarker);
        }
    }

    private void FlushPostponed()
    {
        if (_pendingPostponed)
        {
            FlushPending(pipelined: true);
        }
    }

    /// <summary>
    /// Writes the pending events as one batch. <paramref name="pipelined"/>: the batch came from
    /// pipelined commands, so pipelined commands may follow it before it is durable.
    /// </summary>
    private void FlushPending(bool pipelined)
    {
        _pendingPostponed = false;
        if (_stopping)
        {
            return;
        }

        if (_pending.Count == 0)
        {
            return; // Defer attaches to pending events only when there are some, so nothing waits here.
        }

        var batch = _pending.ToArray();
        _pending.Clear();
        var now = Context.System.TimeProvider.GetUtcNow();
        var persistenceId = PersistenceId;
        var entries = new JournalEntry[batch.Length];
        var first = _highestAssigned + 1;
        for (var i = 0; i < batch.Length; i++)
        {
            entries[i] = new JournalEntry(persistenceId, ++_highestAssigned, batch[i].Event.Manifest, batch[i].Event.Payload, now, _writerId);
        }

        var inFlight = new InFlightBatch(batch, first, _highestAssigned, pipelined, _deferredAfterPending, Self, _token);
        _deferredAfterPending = null;
        _inFlight.Enqueue(inFlight);
        _newestInFlight = inFlight;
        if (!pipelined)
        {
            _exclusiveInFlight++;
        }

        var append = Persistence.Journal.AppendAsync(entries, CancellationToken.None);
        if (append.IsCompleted)
        {
            // Completed already (an in-memory journal, a failed validation): no continuation, so no
            // trip through the thread pool; the outcome is this actor's next message either way.
            inFlight.ReportOutcome(append);
            return;
        }

        // The batch is the continuation's state, so an append costs no closure.
        _ = append.ContinueWith(
            static (task, state) => ((InFlightBatch)state!).ReportOutcome(task), // The state passed is always the batch.
            inFlight,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandleWriteOutcome(WriteOutcome outcome)
    {
        if (_stopping)
        {
            return;
        }

        // Postponed events were persisted before the handlers below run, so they are written first.
        FlushPostponed();

        // Pipelined appends may complete out of order (two groups on different connections); their
        // handlers must not: an outcome waits until every earlier batch has had its own.
        if (_inFlight.Peek().FromSequenceNr != outcome.FromSequenceNr)
        {
            _earlyOutcomes[outcome.FromSequenceNr] = outcome;
            return;
        }

        while (true)
        {
            var batch = _inFlight.Dequeue();
            if (!batch.Pipelined)
            {
                _exclusiveInFlight--;
            }

            if (outcome.Error is { } error)
            {
                if (error is JournalConcurrencyException)
                {
                    EventsourcingLog.ConcurrentWriter(Log, error, PersistenceId.Value, outcome.FromSequenceNr);
                }
                else
                {
                    EventsourcingLog.PersistFailed(Log, error, PersistenceId.Value, outcome.FromSequenceNr, outcome.ToSequenceNr);
                }

                _stopping = true;
                OnPersistFailure(error, outcome.FromSequenceNr, outcome.ToSequenceNr);
                Context.Stop(Self);
                return;
            }

            var cell = Cell;
            var sequenceNr = outcome.FromSequenceNr;
            foreach (var pending in batch.Events)
            {
                cell.OverrideSender(pending.Sender);
                LastSequenceNr = sequenceNr++;
                pending.RunHandler();
            }

            if (batch.After is { } after)
            {
                foreach (var (action, sender) in after)
                {
                    cell.OverrideSender(sender);
                    action();
                }
            }

            // What the handlers persisted is written as a batch of its own, which pipelined commands
            // do not overtake: handlers change state that their decisions may depend on.
            FlushPending(pipelined: false);
            if (_stopping || _inFlight.Count == 0 || !_earlyOutcomes.Remove(_inFlight.Peek().FromSequenceNr, out var next))
            {
                break;
            }

            outcome = next;
        }

        ProcessWaiting();
    }

    /// <summary>
    /// Handles waiting commands one at a time, in arrival order, until one starts a write (the rest
    /// keep waiting for it) or none is left. Each command is taken out of the queue once, so a long
    /// queue behind a stream of writes costs one move per command, not one per write.
    /// </summary>
    private void ProcessWaiting()
    {
        var cell = Cell;
        while (_waiting.Count > 0 && !_recovering && !_stopping)
        {
            var command = _waiting.Peek().Message;
            var pipelined = CanPipeline(command);
            if (!pipelined)
            {
                FlushPostponed();
            }

            if (!MayHandleNow(command))
            {
                break;
            }

            var next = _waiting.Dequeue();
            cell.OverrideSender(next.Sender);
            OnCommand(next.Message);
            FinishCommand(pipelined);
        }
    }

    /// <summary>A persisted event on its way to the journal, with the handler to run (as <see cref="Sender"/>) once it is durable.</summary>
    private abstract class PendingEvent(SerializedEvent serialized, IActorRef sender)
    {
        public SerializedEvent Event { get; } = serialized;

        public IActorRef Sender { get; } = sender;

        public abstract void RunHandler();
    }

    // Typed, so that a persist costs one object rather than a closure and its delegate.
    private sealed class PendingEvent<TEvent>(SerializedEvent serialized, TEvent @event, Action<TEvent> handler, IActorRef sender)
        : PendingEvent(serialized, sender)
    {
        public override void RunHandler() => handler(@event);
    }

    /// <summary>A batch written and not yet confirmed, with what is to run once it is durable.</summary>
    private sealed class InFlightBatch(
        PendingEvent[] events,
        long fromSequenceNr,
        long toSequenceNr,
        bool pipelined,
        List<(Action Action, IActorRef Sender)>? after,
        IActorRef owner,
        object token)
    {
        public PendingEvent[] Events { get; } = events;

        public long FromSequenceNr { get; } = fromSequenceNr;

        public bool Pipelined { get; } = pipelined;

        /// <summary>What <see cref="Defer"/> queued to run once this batch is durable; allocated on first use.</summary>
        public List<(Action Action, IActorRef Sender)>? After { get; private set; } = after;

        public void RunAfter(Action action, IActorRef sender) => (After ??= []).Add((action, sender));

        /// <summary>Tells the owning actor how the append ended; safe from any thread (reads only what never changes).</summary>
        public void ReportOutcome(Task append) =>
            owner.Tell(new WriteOutcome(token, append.IsCompletedSuccessfully ? null : Unwrap(append), FromSequenceNr, toSequenceNr));
    }

    private sealed record WriteOutcome(object Token, Exception? Error, long FromSequenceNr, long ToSequenceNr);

    private sealed record StoreReply(object Token, object Message);

    /// <summary>Told to itself to write the postponed events of pipelined commands; one instance per actor.</summary>
    private sealed record FlushPipelined(object Token);
}
