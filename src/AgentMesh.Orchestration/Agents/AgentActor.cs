using AgentMesh.Actors;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Links;
using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Sessions;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;

namespace AgentMesh.Orchestration.Agents;

/// <summary>
/// One agent's life (DESIGN.md, "The agent's life"): onboarding, link flapping, the durable inbox,
/// sessions, circuits, nudges and suspension. Persistent and addressed through the agents' shard
/// region by agent id. Every rule that must survive a restart is an event applied by
/// <see cref="AgentRecord"/>; link state and flap history live only as long as the connection.
/// </summary>
public sealed partial class AgentActor : PersistentActor
{
    private const int RecentEventsKept = 50;
    private const string WatchTimer = "watch";
    private const string FlapTimer = "flap-check";
    private const string SpawnTimer = "spawn-allowed";

    private readonly AgentId _agent;
    private readonly AgentEnvironment _environment;
    private readonly AgentPolicy _policy;
    private readonly AgentRecord _record;
    private readonly FlapDetector _flap;
    private readonly Backoff _backoff;
    private readonly Dictionary<string, long> _inFlight = new(StringComparer.Ordinal);
    private readonly List<InboxEntry> _pumpCandidates = [];
    private readonly AcceptsInFlight _acceptsInFlight = new();
    private readonly HashSet<long> _waitingRetry = [];
    private readonly HashSet<string> _opening = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IActorRef> _sessionActors = new(StringComparer.Ordinal);
    private readonly Queue<AgentNotice> _recent = new(); // formatted into views only when asked for
    private readonly Action<InboxMessageAccepted> _onAccepted;
    private IActorRef? _link;
    private DeliveryMode _deliveryMode = DeliveryMode.Push;
    private long? _helloContextTokens;
    private ModelKey? _lastModel;
    private AgentState _lastState;
    private long _lastSnapshotSequenceNr;
    private long _degradedNudges;

    private AgentActor(AgentId agent, AgentEnvironment environment)
    {
        _agent = agent;
        PersistenceId = new("agent-" + agent.Value);
        _environment = environment;
        _policy = environment.Policies.For(agent);
        _record = new AgentRecord(_policy);
        _flap = new FlapDetector(_policy.Flap);
        _backoff = new Backoff(_policy.Retry, environment.Random);
        _onAccepted = OnAccepted;
    }

    public override PersistenceId PersistenceId { get; }

    protected override bool TrimJournalAfterSnapshot => true;

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    private bool IsConfigured => _environment.ConfiguredAgents.Contains(_agent.Value);

    public static Props Props(AgentId agent, AgentEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Actors.Props.Create(() => new AgentActor(agent, environment));
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: AgentSnapshot snapshot } offer:
                _record.Restore(snapshot);
                _lastSnapshotSequenceNr = offer.SequenceNr;
                break;
            case IAgentEvent @event:
                _record.Apply(@event);
                break;
            case RecoveryCompleted:
                foreach (var session in _record.Sessions.Values)
                {
                    StartSessionActor(session.SessionId);
                }

                Context.Timers.StartPeriodicTimer(WatchTimer, WatchTick.Instance, _policy.Watch.Interval);
                _lastState = ComputeState();
                break;
        }
    }

    /// <summary>
    /// Accepting a message and forwarding an agent's send are pipelined: a burst of them is written as
    /// one group commit rather than one commit each. Neither depends on state that another accept
    /// changes except the next message id and the repeat check, which count the accepts in flight.
    /// </summary>
    protected override bool CanPipeline(object command) => command is AcceptMessage or SendFromAgent;

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case AgentHello hello:
                HandleHello(hello);
                break;
            case AgentLinkClosed closed:
                HandleLinkClosed(closed);
                break;
            case WelcomeAcknowledged ack:
                HandleWelcomeAck(ack);
                break;
            case AcceptMessage accept:
                HandleAccept(accept);
                break;
            case SendFromAgent send:
                HandleSend(send);
                break;
            case Rooms.RoomFanOut fanOut:
                HandleRoomFanOut(fanOut);
                break;
            case FetchRequest fetch:
                Pump(new PumpLimit(fetch.After, fetch.Limit));
                break;
            case RunResultReport result:
                HandleResult(result);
                break;
            case SessionStartedReport started:
                HandleSessionStarted(started);
                break;
            case SessionEndedReport ended:
                HandleSessionEnded(ended);
                break;
            case UsageReport usage:
                HandleUsage(usage);
                break;
            case SessionActor.SessionIdle idle:
                HandleSessionIdle(idle);
                break;
            case SessionActor.RetryDue due:
                HandleRetryDue(due);
                break;
            case SuspendAgent suspend:
                HandleSuspend(suspend);
                break;
            case ResumeAgent:
                HandleResume();
                break;
            case ResetAgent:
                HandleReset();
                break;
            case GetAgentView:
                HandleGetView();
                break;
            case WatchTick:
                HandleWatchTick();
                break;
            case InboxHighWaterRead read:
                HandleInboxRead(read);
                break;
            case FlapCheck:
                HandleFlapCheck();
                break;
            case SpawnAllowed:
                Pump();
                break;
            default:
                Unhandled(message);
                break;
        }

        PublishStateIfChanged();
    }

    /// <summary>Persists <paramref name="events"/> as one batch, applies each, then runs <paramref name="then"/> once.</summary>
    private void PersistThen(IReadOnlyList<IAgentEvent> events, Action? then = null)
    {
        if (events.Count == 0)
        {
            then?.Invoke();
            PublishStateIfChanged();
            return;
        }

        var last = events[^1];
        PersistAll(events, e =>
        {
            _record.Apply(e);
            if (ReferenceEquals(e, last))
            {
                then?.Invoke();
                MaybeSnapshot();
                PublishStateIfChanged();
            }
        });
    }

    private void PersistThen(IAgentEvent @event, Action? then = null) => PersistThen([@event], then);

    /// <summary>
    /// Snapshots every <see cref="AgentEnvironment.SnapshotEvery"/> events, or every as many events as
    /// the snapshot holds entries (waiting messages and remembered fingerprints) when that is more:
    /// a snapshot costs in proportion to its size, so spacing them by their size keeps the cost per
    /// event constant under a backlog, and recovery replays no more events than a snapshot holds.
    /// </summary>
    private void MaybeSnapshot()
    {
        var every = Math.Max(_environment.SnapshotEvery, _record.Pending.Count + _record.Dedup.Count);
        if (LastSequenceNr - _lastSnapshotSequenceNr >= every)
        {
            _lastSnapshotSequenceNr = LastSequenceNr;
            SaveSnapshot(_record.ToSnapshot());
        }
    }

    private AgentState ComputeState() =>
        _record.Suspended ? AgentState.Suspended
        : _flap.IsFlapping ? AgentState.Flapping
        : _link is null ? AgentState.Offline
        : _record.WelcomeAcked ? AgentState.Ready
        : AgentState.Onboarding;

    private void PublishStateIfChanged(string? why = null)
    {
        var state = ComputeState();
        if (state == _lastState)
        {
            return;
        }

        var previous = _lastState;
        _lastState = state;
        Publish(new AgentStateChanged(_agent.Value, Now, previous, state, why ?? DescribeState(state)));
    }

    private string DescribeState(AgentState state) => state switch
    {
        AgentState.Suspended => $"suspended: {_record.SuspendReason}",
        AgentState.Flapping => "too many link transitions; nothing costly happens until the link is stable",
        AgentState.Offline => "link down",
        AgentState.Ready => "welcome acknowledged",
        _ => "waiting for welcome-ack",
    };

    private void Publish(AgentNotice notice)
    {
        _recent.Enqueue(notice);
        while (_recent.Count > RecentEventsKept)
        {
            _recent.Dequeue();
        }

        Context.System.EventStream.Publish(notice);
    }

    private void RaiseAlert(AlertSeverity severity, string kind, string message, IReadOnlyDictionary<string, decimal>? figures = null) =>
        Context.System.EventStream.Publish(new AlertRaised(Now, severity, BudgetScope.ForAgent(_agent).ToString(), kind, message, figures));

    private void StartSessionActor(string sessionId) =>
        _sessionActors[sessionId] = Context.Spawn(Actors.Props.Create(() => new SessionActor(sessionId, _policy.Session.IdleTimeout)), "session-" + sessionId);

    private void StopSessionActor(string sessionId)
    {
        if (_sessionActors.Remove(sessionId, out var actor))
        {
            Context.Stop(actor);
        }
    }

    private sealed record WatchTick : INotInfluenceReceiveTimeout
    {
        public static readonly WatchTick Instance = new();
    }

    private sealed record FlapCheck
    {
        public static readonly FlapCheck Instance = new();
    }

    private sealed record SpawnAllowed
    {
        public static readonly SpawnAllowed Instance = new();
    }

    private sealed record InboxHighWaterRead(long? Highest, Exception? Failure);

    private sealed record PumpLimit(long After, int Max);
}
