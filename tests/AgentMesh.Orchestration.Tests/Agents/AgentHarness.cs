using System.Text.Json;
using AgentMesh.Actors;
using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.TestKit;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Agents.Notifications;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Rooms;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.InMemory;
using AgentMesh.Persistence.Serialization;
using AgentMesh.Persistence.Sqlite;

namespace AgentMesh.Orchestration.Tests.Agents;

/// <summary>
/// A node's agent region on a manual clock with a real store (in memory, or a SQLite file that
/// survives <see cref="RestartAsync"/> like a node restart). Links are probes that receive the frames.
/// </summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly EventSerializer Serializer = new(RoomJournal.Register(AgentJournal.Register(new EventManifestRegistry())));

    private readonly Func<AgentEnvironment, AgentEnvironment>? _configure;
    private readonly string? _sqlitePath;
    private readonly InMemoryEventJournal _journal = new();
    private readonly InMemorySnapshotStore _snapshots = new();
    private SqliteStore? _sqlite;
    private IActorRef _recorder = Nobody.Instance;

    private AgentHarness(string? sqlitePath, Func<AgentEnvironment, AgentEnvironment>? configure)
    {
        _sqlitePath = sqlitePath;
        _configure = configure;
        Clock = new ManualTimeProvider();
    }

    public ManualTimeProvider Clock { get; }

    public ActorTestKit Kit { get; private set; } = null!;

    public IActorRef Agents { get; private set; } = null!;

    /// <summary>Receives every <see cref="AgentNotice"/> and <see cref="AlertRaised"/>.</summary>
    public TestProbe Events { get; private set; } = null!;

    public List<object> EventLog { get; } = [];

    public static async Task<AgentHarness> StartAsync(bool onSqlite = false, Func<AgentEnvironment, AgentEnvironment>? configure = null)
    {
        var path = onSqlite ? Path.Combine(Path.GetTempPath(), $"agentmesh-agents-{Guid.NewGuid():N}.db") : null;
        var harness = new AgentHarness(path, configure);
        await harness.StartSystemAsync();
        return harness;
    }

    public TestProbe NewLink(string? name = null) => Kit.CreateProbe(name);

    public async Task<HelloOkFrame> HelloAsync(string agent, string incarnation, TestProbe link, IReadOnlyDictionary<string, string>? labels = null)
    {
        Agents.Tell(new AgentHello(new AgentId(agent), new Incarnation(incarnation), link, 80_000, labels));
        return await link.ExpectMsgAsync<HelloOkFrame>(Timeout);
    }

    public void LinkDown(string agent, TestProbe link) => Agents.Tell(new AgentLinkClosed(new AgentId(agent), link));

    public Task<object> SendAsync(string to, string from, string body, string sessionKey = "default", MessageKind kind = MessageKind.Message, string? idempotencyKey = null) =>
        Agents.Ask<object>(new AcceptMessage(new AgentId(to), from, JsonSerializer.SerializeToElement(body), new SessionKey(sessionKey), kind, idempotencyKey), Timeout);

    public async Task<MessageAccepted> SendAcceptedAsync(string to, string from, string body, string sessionKey = "default", MessageKind kind = MessageKind.Message)
    {
        var reply = await SendAsync(to, from, body, sessionKey, kind);
        return reply as MessageAccepted ?? throw new InvalidOperationException($"Expected the message to be accepted, got {reply}.");
    }

    public Task<AgentView> ViewAsync(string agent) => Agents.Ask<AgentView>(new GetAgentView(new AgentId(agent)), Timeout);

    public Task<object> TellAndAskAsync(object message) => Agents.Ask<object>(message, Timeout);

    public void Result(string agent, DeliverFrame delivered, bool ok, bool retryable = false, string? error = null) =>
        Agents.Tell(new RunResultReport(new AgentId(agent), new SessionId(delivered.SessionId), delivered.MessageId, ok, retryable, error));

    /// <summary>
    /// Waits until the agent's actor has handled everything told before (a view round trip) and the
    /// notices it published by then are in <see cref="EventLog"/>.
    /// </summary>
    public async Task SettleAsync(string agent)
    {
        await Agents.Ask<object>(new GetAgentView(new AgentId(agent)), Timeout);
        await _recorder.Ask<EventRecorder.Flush>(EventRecorder.Flush.Instance, Timeout);
    }

    public int Count<T>(Func<T, bool>? predicate = null)
    {
        lock (EventLog)
        {
            return EventLog.OfType<T>().Count(e => predicate is null || predicate(e));
        }
    }

    /// <summary>Stops the node (its actor system) and starts a new one on the same store and clock.</summary>
    public async Task RestartAsync()
    {
        await StopSystemAsync();
        await StartSystemAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopSystemAsync();
        if (_sqlitePath is not null)
        {
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private async Task StartSystemAsync()
    {
        Kit = new ActorTestKit("node", clock: Clock);
        IEventJournal journal = _journal;
        ISnapshotStore snapshots = _snapshots;
        if (_sqlitePath is not null)
        {
            _sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = _sqlitePath }, CancellationToken.None);
            journal = _sqlite.Journal;
            snapshots = _sqlite.Snapshots;
        }

        PersistenceExtension.Register(Kit.System, new PersistenceExtension(journal, snapshots, Serializer));
        var rooms = ShardRegion.Start(Kit.System, new ShardRegionOptions("rooms", id => RoomActor.Props(new RoomName(id))) { PassivateIdleAfter = null });
        var environment = new AgentEnvironment { NodeName = "test-node", Random = new Random(7), Rooms = rooms };
        environment = _configure?.Invoke(environment) ?? environment;
        Agents = ShardRegion.Start(Kit.System, new ShardRegionOptions("agents", id => AgentActor.Props(new AgentId(id), environment))
        {
            PassivateIdleAfter = null,
        });
        Events = Kit.CreateProbe("events");
        _recorder = Kit.System.SpawnSystemActor(EventRecorder.Props(EventLog, Events), "recorder");
        Kit.System.EventStream.Subscribe<AgentNotice>(_recorder);
        Kit.System.EventStream.Subscribe<AlertRaised>(_recorder);
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
}
