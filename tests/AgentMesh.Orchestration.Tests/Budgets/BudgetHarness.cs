using AgentMesh.Actors;
using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.TestKit;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Events;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.InMemory;
using AgentMesh.Persistence.Serialization;
using AgentMesh.Persistence.Sqlite;

namespace AgentMesh.Orchestration.Tests.Budgets;

/// <summary>
/// A node's budgets (and, on request, its agents) on a manual clock with a real store: in memory,
/// or a SQLite file that survives <see cref="RestartAsync"/> like a node restart. Without agents, a
/// probe stands for the agents' region and receives the suspensions. A crash is simulated by
/// severing the store before the system stops, so nothing held in memory reaches it.
/// </summary>
internal sealed class BudgetHarness : IAsyncDisposable
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private static readonly EventSerializer Serializer = new(
        AlertJournal.Register(BudgetJournal.Register(AgentJournal.Register(new EventManifestRegistry()))));

    private Settings _settings;
    private readonly InMemoryEventJournal _journal = new();
    private readonly InMemorySnapshotStore _snapshots = new();
    private SqliteStore? _sqlite;
    private SeverableStore? _store;
    private IActorRef _recorder = Nobody.Instance;

    private BudgetHarness(Settings settings)
    {
        _settings = settings;
        Clock = new ManualTimeProvider(settings.Start);
    }

    public ManualTimeProvider Clock { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public ActorTestKit Kit { get; private set; } = null!;

    public BudgetAccounting Accounting { get; private set; } = null!;

    public IActorRef Budgets => Accounting.Budgets;

    /// <summary>The agents' region: the real one when started with agents, else <see cref="AgentsProbe"/>.</summary>
    public IActorRef Agents { get; private set; } = Nobody.Instance;

    /// <summary>Stands for the agents' region when started without agents; receives every <c>SuspendAgent</c>.</summary>
    public TestProbe AgentsProbe { get; private set; } = null!;

    /// <summary>Receives every <see cref="AlertRaised"/>, <see cref="AlertLogged"/>, <see cref="AlertWebhookNotice"/> and <see cref="AgentNotice"/>.</summary>
    public TestProbe Events { get; private set; } = null!;

    /// <summary>What was published since the node (re)started.</summary>
    public List<object> EventLog { get; } = [];

    /// <summary>The store the node writes to (severed by a crash until the next start).</summary>
    public IEventJournal Journal => _store!;

    public ISnapshotStore Snapshots => _store!;

    public static async Task<BudgetHarness> StartAsync(
        bool onSqlite = false,
        bool withAgents = false,
        bool bindAgents = true,
        DateTimeOffset? start = null,
        Func<BudgetEnvironment, BudgetEnvironment>? budgets = null,
        Func<AgentEnvironment, AgentEnvironment>? agents = null)
    {
        var path = onSqlite ? Path.Combine(Path.GetTempPath(), $"agentmesh-budgets-{Guid.NewGuid():N}.db") : null;
        var harness = new BudgetHarness(new Settings(path, withAgents, bindAgents, start, budgets, agents));
        await harness.StartSystemAsync();
        return harness;
    }

    public static RecordBudgetUsage Usage(string scope, string agent, DateTimeOffset at, long input = 0, long cached = 0, long output = 0, decimal cost = 0m, bool spawn = false) =>
        new(new BudgetScope(scope), agent, new UsageTally(input, cached, output, cost), spawn, cost > 0m, at);

    public Task<BudgetView> ViewAsync(string scope) =>
        Budgets.Ask<BudgetView>(new GetBudgetView(new BudgetScope(scope)), AskTimeout);

    public Task<object> SetLimitsAsync(string scope, BudgetLimits limits) =>
        Budgets.Ask<object>(new SetBudgetLimits(new BudgetScope(scope), limits), AskTimeout);

    public Task<BudgetLimitsUpdated> ResetLimitsAsync(string scope) =>
        Budgets.Ask<BudgetLimitsUpdated>(new ResetBudgetLimits(new BudgetScope(scope)), AskTimeout);

    public Task<AlertList> AlertsAsync(long since = 0, int limit = GetAlerts.DefaultLimit) =>
        Accounting.AlertLog.Ask<AlertList>(new GetAlerts(since, limit), AskTimeout);

    /// <summary>Waits until everything published so far has reached <see cref="EventLog"/>.</summary>
    public Task FlushEventsAsync() => _recorder.Ask<EventRecorder.Flush>(EventRecorder.Flush.Instance, AskTimeout);

    public IReadOnlyList<T> Logged<T>(Func<T, bool>? predicate = null)
    {
        lock (EventLog)
        {
            return [.. EventLog.OfType<T>().Where(e => predicate is null || predicate(e))];
        }
    }

    /// <summary>Changes the budget configuration the next start uses.</summary>
    public void ConfigureBudgets(Func<BudgetEnvironment, BudgetEnvironment> budgets) => _settings = _settings with { Budgets = budgets };

    /// <summary>Stops the node and starts a new one on the same store and clock; <paramref name="crash"/> severs the store first.</summary>
    public async Task RestartAsync(bool crash = false)
    {
        if (crash)
        {
            _store!.Sever();
        }

        await StopSystemAsync();
        await StartSystemAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopSystemAsync();
        if (_settings.SqlitePath is { } path)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private async Task StartSystemAsync()
    {
        Kit = new ActorTestKit("node", clock: Clock);
        lock (EventLog)
        {
            EventLog.Clear();
        }

        IEventJournal journal = _journal;
        ISnapshotStore snapshots = _snapshots;
        if (_settings.SqlitePath is { } path)
        {
            _sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None);
            journal = _sqlite.Journal;
            snapshots = _sqlite.Snapshots;
        }

        _store = new SeverableStore(journal, snapshots);
        PersistenceExtension.Register(Kit.System, new PersistenceExtension(_store, _store, Serializer));
        Events = Kit.CreateProbe("events");
        _recorder = Kit.System.SpawnSystemActor(EventRecorder.Props(EventLog, Events), "recorder");
        foreach (var channel in new[] { typeof(AlertRaised), typeof(AlertLogged), typeof(AlertWebhookNotice), typeof(AgentNotice) })
        {
            Kit.System.EventStream.Subscribe(_recorder, channel);
        }

        var budgets = new BudgetEnvironment();
        budgets = _settings.Budgets?.Invoke(budgets) ?? budgets;
        Accounting = BudgetAccounting.Start(Kit.System, budgets);
        AgentsProbe = Kit.CreateProbe("agents");
        if (!_settings.WithAgents)
        {
            Agents = AgentsProbe;
            if (_settings.BindAgents)
            {
                Accounting.BindAgents(AgentsProbe);
            }

            return;
        }

        var environment = new AgentEnvironment { NodeName = "test-node", Random = new Random(7), Budgets = Accounting.Budgets };
        environment = _settings.Agents?.Invoke(environment) ?? environment;
        Agents = ShardRegion.Start(Kit.System, new ShardRegionOptions("agents", id => AgentActor.Props(new AgentId(id), environment))
        {
            PassivateIdleAfter = null,
        });
        Accounting.BindAgents(Agents);
    }

    private async Task StopSystemAsync()
    {
        await Kit.DisposeAsync();
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
            _sqlite = null;
        }
    }

    private sealed record Settings(
        string? SqlitePath,
        bool WithAgents,
        bool BindAgents,
        DateTimeOffset? Start,
        Func<BudgetEnvironment, BudgetEnvironment>? Budgets,
        Func<AgentEnvironment, AgentEnvironment>? Agents);

    /// <summary>The store as the process sees it; once severed (the process died), no write reaches it.</summary>
    private sealed class SeverableStore(IEventJournal journal, ISnapshotStore snapshots) : IEventJournal, ISnapshotStore
    {
        private volatile bool _severed;

        public void Sever() => _severed = true;

        public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) =>
            _severed ? Severed() : journal.AppendAsync(entries, cancellationToken);

        public Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken) =>
            journal.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

        public IAsyncEnumerable<JournalEntry> ReplayAsync(PersistenceId persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken) =>
            journal.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

        public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
            _severed ? Severed() : journal.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);

        public Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken) =>
            _severed ? Severed() : snapshots.SaveAsync(snapshot, cancellationToken);

        public Task<SnapshotEntry?> LoadLatestAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken) =>
            snapshots.LoadLatestAsync(persistenceId, criteria, cancellationToken);

        public Task DeleteAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken) =>
            _severed ? Severed() : snapshots.DeleteAsync(persistenceId, criteria, cancellationToken);

        private static Task Severed() => Task.FromException(new IOException("The process crashed: the store is out of reach."));
    }
}
