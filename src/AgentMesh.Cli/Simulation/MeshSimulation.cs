using System.Collections.Concurrent;
using AgentMesh.Actors;
using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.Timers;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Policies;
using AgentMesh.Orchestration.Rooms;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.Serialization;
using AgentMesh.Persistence.Sqlite;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// Runs a scenario through the real thing: an actor system on a <see cref="ManualClock"/>, the
/// node's agents, rooms and budgets (wired as <c>DomainSetup</c> wires them, default limits and
/// prices) on a temporary SQLite file, and one simulated agent process per scenario agent that talks
/// to its agent actor the way the link connection does. Time moves from event to event — a planned
/// event, a simulated model call finishing, or an actor's timer — and after each the actors are
/// settled (<see cref="SettleAsync"/>) before time moves on, so a run is deterministic and 15
/// simulated hours take seconds.
/// </summary>
internal sealed partial class MeshSimulation
{
    /// <summary>Simulated time zero: a fixed instant, so alert times and logs are reproducible.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Asks run on the simulated clock, which stands still while the simulation waits for them: this is never reached.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Real time one settle step may take before the run is declared stuck (a bug, never a slow machine).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private const string NodeName = "simulation";

    private readonly Scenario _scenario;
    private readonly TrafficPlan _plan;
    private readonly PriceTable _prices;
    private readonly int _seed;
    private readonly ManualClock _clock = new(Start);
    private readonly ConcurrentQueue<(string Agent, object Frame)> _frames = new();
    private readonly ConcurrentQueue<object> _notices = new();
    private readonly Dictionary<string, SimulatedAgent> _agents = new(StringComparer.Ordinal);
    private readonly HashSet<BudgetScope> _scopes = [];
    private readonly PriorityQueue<Func<Task>, (TimeSpan At, long Sequence)> _queue = new();
    private readonly TokenTally _tally = new();
    private readonly List<AlertSummary> _alerts = [];
    private long _activity;
    private long _sequence;
    private long _accepted;
    private long _duplicates;
    private long _refused;
    private long _nudges;
    private long _welcomes;
    private (double At, string By)? _containment;
    private ActorSystem _system = null!;
    private IActorRef _agentRegion = null!;
    private IActorRef _forwarder = null!;
    private IActorRef _recorder = null!;
    private IActorRef _rooms = null!;
    private BudgetAccounting _budgets = null!;

    private MeshSimulation(Scenario scenario, TrafficPlan plan, PriceTable prices, int seed)
    {
        _scenario = scenario;
        _plan = plan;
        _prices = prices;
        _seed = seed;
    }

    private TimeSpan Elapsed => _clock.GetUtcNow() - Start;

    /// <summary>Runs <paramref name="plan"/> through the actors; the SQLite file is deleted afterwards, whatever happens.</summary>
    public static async Task<RunFigures> RunAsync(Scenario scenario, TrafficPlan plan, PriceTable prices, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(prices);
        var path = Path.Combine(Path.GetTempPath(), $"agentmesh-simulate-{Guid.NewGuid():N}.db");
        var simulation = new MeshSimulation(scenario, plan, prices, seed);
        SqliteStore? store = null;
        try
        {
            // Normal, not Full: the file is thrown away, so an fsync per commit would only slow the run down.
            store = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path, Synchronous = SqliteSynchronous.Normal }, cancellationToken).ConfigureAwait(false);
            simulation.StartNode(store);
            try
            {
                await simulation.RunTrafficAsync(cancellationToken).ConfigureAwait(false);
                return await simulation.FiguresAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await simulation._system.TerminateAsync("simulation finished").ConfigureAwait(false);
            }
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The node's domain as <c>DomainSetup</c> starts it, on the simulated clock.</summary>
    private void StartNode(SqliteStore store)
    {
        _system = ActorSystem.Create("simulation", ActorSystemOptions.Default with { TimeProvider = _clock });
        var registry = DomainJournal.Register(new EventManifestRegistry());
        PersistenceExtension.Register(_system, new PersistenceExtension(store.Journal, store.Snapshots, new EventSerializer(registry)));

        _forwarder = _system.SpawnSystemActor(SimulationForwarder.Props(), "simulation-agents-forwarder");
        _budgets = BudgetAccounting.Start(_system, new BudgetEnvironment
        {
            Agents = _forwarder,
            // Resident, as the settle step asks every budget after each event anyway.
            PassivateIdleAfter = null,
        });
        var directory = _system.SpawnSystemActor(AgentDirectoryActor.Props(), "agent-directory");
        _rooms = ShardRegion.Start(_system, new ShardRegionOptions("rooms", id => RoomActor.Props(new RoomName(id))) { PassivateIdleAfter = null });
        var overrides = _scenario.Polls.ToDictionary(
            p => p.Agent,
            p => new AgentPolicyOverride { Watch = new WatchPolicyOverride { Interval = p.Every } },
            StringComparer.Ordinal);
        var environment = new AgentEnvironment
        {
            NodeName = NodeName,
            Directory = directory,
            Rooms = _rooms,
            Budgets = _budgets.Budgets,
            Prices = _prices,
            Policies = new AgentPolicies { Overrides = overrides },
            Random = new Random(_seed),
        };
        _agentRegion = ShardRegion.Start(_system, new ShardRegionOptions("agents", id => AgentActor.Props(new AgentId(id), environment))
        {
            PassivateIdleAfter = null,
        });
        _forwarder.Tell(new SimulationForwarder.Bind(_agentRegion));

        _recorder = _system.SpawnSystemActor(SimulationTap.Props(Sink(null)), "simulation-recorder");
        _system.EventStream.Subscribe<AgentNotice>(_recorder);
        _system.EventStream.Subscribe<AlertLogged>(_recorder);

        foreach (var agent in _scenario.Agents)
        {
            var link = _system.Spawn(SimulationTap.Props(Sink(agent.Id)), "link-" + agent.Id);
            _agents[agent.Id] = new SimulatedAgent(agent, _scenario.ModelOf(agent), link, _scenario.PollInterval(agent.Id) is not null);
        }
    }

    /// <summary>What the taps hand over: frames of one agent's link, or (agent null) notices and alerts.</summary>
    private Action<object> Sink(string? agent) => message =>
    {
        if (agent is null)
        {
            _notices.Enqueue(message);
        }
        else
        {
            _frames.Enqueue((agent, message));
        }

        Interlocked.Increment(ref _activity);
    };

    private async Task RunTrafficAsync(CancellationToken cancellationToken)
    {
        foreach (var planned in _plan.Events)
        {
            Schedule(planned.At, () => ApplyAsync(planned, cancellationToken));
        }

        var end = Start + _scenario.Duration;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SettleAsync(cancellationToken).ConfigureAwait(false);
            var hasNext = _queue.TryPeek(out _, out var next) && Start + next.At < end;
            var limit = hasNext ? Start + next.At : end;
            if (_clock.TryFireNext(limit))
            {
                continue;
            }

            if (!hasNext)
            {
                return;
            }

            await _queue.Dequeue()().ConfigureAwait(false);
        }
    }

    private void Schedule(TimeSpan at, Func<Task> action) => _queue.Enqueue(action, (at, _sequence++));

    /// <summary>Tells the agents' region, counted as activity so that the settle step waits for its effects.</summary>
    private void Tell(object message)
    {
        Interlocked.Increment(ref _activity);
        _agentRegion.Tell(message);
    }

    private Task<object> AskAgentsAsync(object message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _activity);
        return Bounded(_agentRegion.Ask<object>(message, AskTimeout, cancellationToken), cancellationToken);
    }

    private static Task<T> Bounded<T>(Task<T> task, CancellationToken cancellationToken) => task.WaitAsync(Patience, cancellationToken);

    private static Task Bounded(Task task, CancellationToken cancellationToken) => task.WaitAsync(Patience, cancellationToken);
}
