using AgentMesh.Actors;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Budgets.Events;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// The budget of one scope (<c>global</c>, <c>node:…</c>, <c>agent:…</c>, <c>model:…</c>; DESIGN.md,
/// "Budgets"), addressed through the budgets' shard region by the scope's text. Every
/// <see cref="RecordBudgetUsage"/> is tallied into the scope's <see cref="BudgetLedger"/> at once and
/// acted on: a soft threshold raises an alert once per period, a hard limit suspends the agent whose
/// report went over it (and every later one while it stays over) and raises a critical alert once.
/// </summary>
/// <remarks>
/// <para>Durability is batched: reports are added up in memory, one slice per second, and persisted
/// as one <see cref="BudgetUsageTallied"/> at most <see cref="BudgetOptions.PersistInterval"/> (1 s)
/// after the first of them, on a timer of the system's clock; also at once when a report crosses a
/// threshold for the first time, when limits are set, before a passivation, and on
/// <see cref="FlushBudget"/>. A crash loses at most that interval of accounting.</para>
/// <para>Limits: runtime limits (<see cref="SetBudgetLimits"/>, persisted, until <see cref="ResetBudgetLimits"/>) win over the scope's
/// configuration, which wins over the default of its kind. Configured limits are read at every start,
/// so a changed configuration applies after a restart unless runtime limits were set.</para>
/// </remarks>
public sealed partial class BudgetActor : PersistentActor
{
    private const string FlushTimer = "flush";

    private readonly BudgetScope _scope;
    private readonly string _scopeText;
    private readonly BudgetOptions _options;
    private readonly BudgetPeers _peers;
    private BudgetLedger _ledger;
    private bool _limitsSetAtRuntime;
    private bool _limitsPersisted;
    private BudgetLimitsConfigured? _configuredToPersist;
    private bool _registered;
    private long _lastSnapshotSequenceNr;

    // Who waits for a FlushBudget: told the failure if the write fails, instead of waiting for an ask timeout.
    private readonly List<IActorRef> _flushRequesters = [];

    private BudgetActor(BudgetScope scope, BudgetOptions options, BudgetPeers peers)
    {
        _scope = scope;
        _scopeText = scope.ToString();
        PersistenceId = new("budget-" + _scopeText);
        _options = options;
        _peers = peers;
        _ledger = new BudgetLedger(scope, options.LimitsFor(scope).Limits, options.Periods);
    }

    public override PersistenceId PersistenceId { get; }

    protected override bool TrimJournalAfterSnapshot => true;

    private DateTimeOffset Now => Context.System.TimeProvider.GetUtcNow();

    public static Props Props(BudgetScope scope, BudgetOptions options, BudgetPeers peers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(peers);
        return Actors.Props.Create(() => new BudgetActor(scope, options, peers));
    }

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: BudgetSnapshot snapshot } offer:
                _ledger = BudgetLedger.Restore(snapshot.Ledger, _options.Periods);
                _limitsSetAtRuntime = snapshot.LimitsSetAtRuntime;
                _limitsPersisted = true;
                _lastSnapshotSequenceNr = offer.SequenceNr;
                break;
            case BudgetUsageTallied tallied:
                foreach (var slice in tallied.Slices)
                {
                    _ledger.Record(slice.Usage, slice.Spawns, slice.At);
                }

                break;
            case BudgetLimitsSet set:
                _ledger.SetLimits(set.Limits, set.At);
                _limitsSetAtRuntime = true;
                _limitsPersisted = true;
                break;
            case BudgetLimitsConfigured configured:
                _ledger.SetLimits(configured.Limits, configured.At);
                _limitsSetAtRuntime = false;
                _limitsPersisted = true;
                break;
            case RecoveryCompleted:
                ApplyConfiguredLimits();
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case RecordBudgetUsage usage:
                Tally(usage);
                break;
            case SetBudgetLimits set:
                HandleSetLimits(set);
                break;
            case ResetBudgetLimits:
                HandleResetLimits();
                break;
            case GetBudgetView:
                Sender.Tell(View());
                break;
            case FlushTick:
                Flush();
                break;
            case FlushBudget:
                HandleFlush();
                break;
            case StopBudget:
                Flush(() => Context.Stop(Self));
                break;
            case OperatorDone or AgentUnknown:
                // The agents' answers to SuspendAgent: an unknown or already suspended agent needs nothing more.
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    protected override void OnPersistFailure(Exception cause, long fromSequenceNr, long toSequenceNr)
    {
        foreach (var requester in _flushRequesters)
        {
            requester.Tell(new Status.Failure(cause));
        }

        _flushRequesters.Clear();
    }

    private void Tally(RecordBudgetUsage usage)
    {
        EnsureRegistered();
        var crossings = usage.Spawn ? _ledger.Record(usage.Usage, 1, usage.At) : _ledger.Record(usage.Usage, usage.At);
        AddToSlice(usage);
        if (crossings.Count > 0 && Act(crossings, usage.AgentId))
        {
            Flush();
        }
    }

    // Apart from OnCommand: a lambda there would make every message allocate its closure.
    private void HandleFlush()
    {
        var requester = Sender;
        _flushRequesters.Add(requester);
        Flush(() =>
        {
            _flushRequesters.Remove(requester);
            requester.Tell(new BudgetFlushed(_scopeText, LastSequenceNr));
        });
    }

    private void HandleSetLimits(SetBudgetLimits set)
    {
        var problems = BudgetLimitsRules.Problems(set.Limits);
        if (problems.Count > 0)
        {
            Sender.Tell(new BudgetLimitsRejected(_scopeText, problems));
            return;
        }

        EnsureRegistered();

        // The reports held so far go first, so a replay applies them under the limits they were tallied under.
        Flush();
        Persist(new BudgetLimitsSet(set.Limits, Now), e =>
        {
            var crossings = _ledger.SetLimits(e.Limits, e.At);
            _limitsSetAtRuntime = true;
            BudgetsLog.LimitsSet(Log, _scopeText, e.Limits.ToString());
            Act(crossings, agentId: null);
            Sender.Tell(new BudgetLimitsUpdated(View()));
            MaybeSnapshot();
        });
    }

    private void HandleResetLimits()
    {
        if (!_limitsSetAtRuntime)
        {
            Sender.Tell(new BudgetLimitsUpdated(View())); // Configuration is in force already.
            return;
        }

        EnsureRegistered();

        // As for a set: the reports held so far are written under the limits they were tallied under.
        Flush();
        _configuredToPersist = null;
        Persist(new BudgetLimitsConfigured(_options.LimitsFor(_scope).Limits, Now), e =>
        {
            var crossings = _ledger.SetLimits(e.Limits, e.At);
            _limitsSetAtRuntime = false;
            BudgetsLog.LimitsReset(Log, _scopeText, e.Limits.ToString());
            Act(crossings, agentId: null);
            Sender.Tell(new BudgetLimitsUpdated(View()));
            MaybeSnapshot();
        });
    }

    /// <summary>
    /// Configuration is read at every start. Unless an operator set limits at runtime, configured
    /// limits that differ from those of the journal come into force now: what they already cross
    /// alerts at once, and they are persisted right away. A scope's first configured limits are
    /// persisted with its first batch.
    /// </summary>
    private void ApplyConfiguredLimits()
    {
        var configured = _options.LimitsFor(_scope).Limits;
        if (_limitsSetAtRuntime || (_limitsPersisted && _ledger.Limits == configured))
        {
            return;
        }

        var now = Now;
        _configuredToPersist = new BudgetLimitsConfigured(configured, now);
        if (_ledger.Limits != configured)
        {
            // Persisted by the first command (recovery must not persist), ahead of any report.
            Act(_ledger.SetLimits(configured, now), agentId: null);
            Self.Tell(FlushTick.Instance);
        }
    }

    private BudgetView View()
    {
        var now = Now;
        var source = _limitsSetAtRuntime ? BudgetLimitsSource.Runtime : _options.LimitsFor(_scope).Source;
        var exceeded = _ledger.Exceeded(now).Select(c => c.Limit).ToList();
        return new BudgetView(_scopeText, _ledger.Limits, source, _ledger.Spend(now), exceeded, now);
    }

    private void EnsureRegistered()
    {
        if (!_registered)
        {
            _registered = true;
            _peers.Directory.Tell(new RegisterBudgetScope(_scope));
        }
    }

    /// <summary>Told by the region to passivate an idle budget: it persists what it holds, then stops.</summary>
    internal sealed record StopBudget
    {
        public static readonly StopBudget Instance = new();
    }

    private sealed record FlushTick : INotInfluenceReceiveTimeout
    {
        public static readonly FlushTick Instance = new();
    }
}
