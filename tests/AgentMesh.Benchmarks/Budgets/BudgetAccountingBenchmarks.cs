using AgentMesh.Actors;
using AgentMesh.Orchestration.Alerts;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Budgets.Events;
using AgentMesh.Orchestration.Budgets.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.InMemory;
using AgentMesh.Persistence.Serialization;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Budgets;

/// <summary>
/// Usage reports through accounting: <see cref="RecordBudgetUsage"/> told to an agent scope's budget
/// actor (ledger of every window, limit checks, the in-memory batch, a persisted aggregate per second
/// on the in-memory journal), directly and through the budgets' shard region, against a bare tell of
/// the same reports to an actor that ignores them, in the same run. Limits are the agent defaults
/// scaled up a million times, so every check runs and none is crossed. Reports go in waves of
/// <see cref="Wave"/>, each ended by one round trip (a view, or a ping for the baseline), so the
/// mailbox stays shallow and the allocation column shows what accounting itself allocates per report.
/// Target: at least 500,000 reports/s through accounting.
/// </summary>
[MemoryDiagnoser]
public class BudgetAccountingBenchmarks
{
    public const int Wave = 1_000;
    public const int Waves = 100;
    public const int Reports = Wave * Waves;

    private static readonly EventSerializer Serializer = new(AlertJournal.Register(BudgetJournal.Register(new EventManifestRegistry())));
    private static readonly BudgetScope Scope = new("agent:bench");

    private ActorSystem? _system;
    private IActorRef? _budget;
    private IActorRef? _region;
    private IActorRef? _ignoring;
    private Sink? _sink;
    private IActorRef? _sinkRef;
    private RecordBudgetUsage[] _reports = [];

    [GlobalSetup]
    public void SetUp()
    {
        _system = ActorSystem.Create("budgets");
        PersistenceExtension.Register(_system, new PersistenceExtension(new InMemoryEventJournal(), new InMemorySnapshotStore(), Serializer));
        var limits = BudgetLimits.AgentDefault with
        {
            TokensPerDay = 10_000_000_000_000,
            TokensPerMonth = 200_000_000_000_000,
            CostPerDayUsd = 50_000_000m,
            CostPerMonthUsd = 1_000_000_000m,
            TokensPerMinute = 300_000_000_000,
            SpawnsPerHour = 20_000_000,
        };
        var options = new BudgetOptions { Scopes = new Dictionary<BudgetScope, BudgetLimits> { [Scope] = limits } };
        var accounting = BudgetAccounting.Start(_system, new BudgetEnvironment { Options = options, FlushOnShutdown = false });
        _region = accounting.Budgets;
        _ignoring = _system.Spawn(Props.Create(() => new Ignoring()));
        accounting.BindAgents(_ignoring);
        _budget = _system.Spawn(BudgetActor.Props(Scope, options, new BudgetPeers(_ignoring, accounting.Directory)), "bench-budget");
        _sink = new Sink();
        _sinkRef = _system.Spawn(Props.Create(() => new SinkActor(_sink)));

        // A session load every 1,000 reports; one report every 100 µs of report time.
        var start = _system.TimeProvider.GetUtcNow();
        _reports = [.. Enumerable.Range(0, Reports).Select(i => new RecordBudgetUsage(
            Scope,
            "bench",
            i % 1_000 == 0 ? new UsageTally(80_000, 0, 0, 0.24m) : new UsageTally(1_500, 80_000, 600, 0.0375m),
            Spawn: i % 1_000 == 0,
            Priced: true,
            start + TimeSpan.FromTicks(i * 1_000L)))];
    }

    [GlobalCleanup]
    public void CleanUp() => _system!.TerminateAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Reports)]
    public void BareTell() => Run(_ignoring!, Ignoring.Ping.Instance);

    [Benchmark(OperationsPerInvoke = Reports)]
    public void ThroughBudgetActor() => Run(_budget!, new GetBudgetView(Scope));

    [Benchmark(OperationsPerInvoke = Reports)]
    public void ThroughBudgetRegion() => Run(_region!, new GetBudgetView(Scope));

    private void Run(IActorRef target, object last)
    {
        var sink = _sink!;
        for (var w = 0; w < Waves; w++)
        {
            sink.Arm();
            for (var i = w * Wave; i < (w + 1) * Wave; i++)
            {
                target.Tell(_reports[i]);
            }

            target.Tell(last, _sinkRef);
            sink.Wait();
        }
    }

    /// <summary>Released by the one reply that ends a wave.</summary>
    private sealed class Sink
    {
        private readonly ManualResetEventSlim _done = new();

        public void Arm() => _done.Reset();

        public void Arrived() => _done.Set();

        public void Wait() => _done.Wait(TimeSpan.FromMinutes(1));
    }

    private sealed class SinkActor(Sink sink) : Actor
    {
        protected override void OnReceive(object message) => sink.Arrived();
    }

    /// <summary>Ignores everything but a ping, which it answers: the baseline, and the agents the budgets would suspend.</summary>
    private sealed class Ignoring : Actor
    {
        protected override void OnReceive(object message)
        {
            if (message is Ping)
            {
                Sender.Tell(message);
            }
        }

        public sealed record Ping
        {
            public static readonly Ping Instance = new();
        }
    }
}
