using System.Text.Json;
using AgentMesh.Actors;
using AgentMesh.Actors.Pattern;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Agents;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Agents.Frames;
using AgentMesh.Orchestration.Agents.Messages;
using AgentMesh.Orchestration.Ids;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.InMemory;
using AgentMesh.Persistence.Serialization;
using BenchmarkDotNet.Attributes;

namespace AgentMesh.Benchmarks.Orchestration;

/// <summary>
/// The per-message guard path of an agent: a burst of messages through the agents' region to a ready,
/// linked agent (known-recipient, onboarding and circuit checks, SHA-256 fingerprint of the canonical
/// body, dedup lookup, the event serialized and appended, apply, session routing, reply),
/// against a bare tell round trip to an actor that replies at once, in the same run. Every message
/// has a new body, so none takes the cheap duplicate exit. The agent holds its delivery during the
/// burst (the results are not the guard path) and the burst drains between rounds. The journal is a
/// <see cref="CountingJournal"/>: it takes each append at once and keeps nothing, so the figure is the
/// agent's work and not the store's (the persistence and agent-link benchmarks measure that).
/// </summary>
/// <remarks>
/// A burst is one invocation, so the short job's three warm-ups are three bursts: not enough for
/// tiered compilation to finish with the agent's code (the first bursts cost 11–13 µs a message and
/// the cost was still falling at the third), and a node that has run for a minute runs optimized code.
/// Fifteen warm-up bursts and fifteen measured ones take about three seconds.
/// </remarks>
[MemoryDiagnoser]
[WarmupCount(15)]
[IterationCount(15)]
public class GuardPathBenchmarks
{
    public const int Messages = 10_000;

    private static readonly EventSerializer Serializer = new(AgentJournal.Register(new EventManifestRegistry()));

    private ActorSystem? _system;

    /// <summary>Where the agent's events go; its append count is printed by <c>guard-profile</c>.</summary>
    internal CountingJournal Journal { get; } = new();
    private IActorRef? _link;
    private IActorRef? _agents;
    private IActorRef? _echo;
    private Sink? _sink;
    private IActorRef? _sinkRef;
    private JsonElement[] _bodies = [];
    private int _round;

    [GlobalSetup]
    public void SetUp()
    {
        _system = ActorSystem.Create("guard");
        PersistenceExtension.Register(_system, new PersistenceExtension(Journal, new InMemorySnapshotStore(), Serializer));
        var environment = new AgentEnvironment { NodeName = "bench", SnapshotEvery = int.MaxValue };
        _agents = ShardRegion.Start(_system, new ShardRegionOptions("agents", id => AgentActor.Props(new AgentId(id), environment)) { PassivateIdleAfter = null });
        _sink = new Sink();
        _sinkRef = _system.Spawn(Props.Create(() => new SinkActor(_sink)));
        _echo = _system.Spawn(Props.Create(() => new EchoActor()));
        var agents = _agents;
        _link = _system.Spawn(Props.Create(() => new CompletingLink(agents)));
        var link = _link;
        _agents.Tell(new AgentHello(new AgentId("gpu-box"), new Incarnation("bench"), link));
    }

    [GlobalCleanup]
    public void CleanUp() => _system!.TerminateAsync().GetAwaiter().GetResult();

    /// <summary>
    /// Before each round: the previous round's burst has drained (every message delivered and its
    /// result recorded, as an agent that catches up would have it). Without it, every round would start
    /// with a larger inbox in memory, and the figure would measure the collector walking an ever
    /// larger heap. Snapshots are off during the measurement.
    /// </summary>
    [IterationSetup]
    public void NewBodies()
    {
        var agent = new AgentId("gpu-box");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        _link!.Tell(CompletingLink.Drain.Instance);
        while (_agents!.Ask<object>(new GetAgentView(agent), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult() is AgentView { PendingMessages: > 0 })
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The agent's inbox did not drain within a minute between rounds.");
            }

            // Each ask waits behind the results still queued for the agent, so this loop paces itself.
        }

        _link.Tell(CompletingLink.Hold.Instance);
        _round++;
        _bodies = [.. Enumerable.Range(0, Messages).Select(i => JsonSerializer.SerializeToElement($"round {_round} message {i}: build the thing"))];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public void BareTell()
    {
        _sink!.Arm(Messages);
        for (var i = 0; i < Messages; i++)
        {
            _echo!.Tell(_bodies[i], _sinkRef);
        }

        _sink.Wait();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public void AcceptThroughGuardPath()
    {
        _sink!.Arm(Messages);
        for (var i = 0; i < Messages; i++)
        {
            _agents!.Tell(new AcceptMessage(new AgentId("gpu-box"), "mac-mini", _bodies[i], SessionKey.Default), _sinkRef);
        }

        _sink.Wait();
    }

    /// <summary>Counts replies; the benchmark thread waits on it.</summary>
    private sealed class Sink
    {
        private int _remaining;
        private readonly ManualResetEventSlim _done = new();

        public void Arm(int count)
        {
            _done.Reset();
            Volatile.Write(ref _remaining, count);
        }

        public void Arrived()
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.Set();
            }
        }

        public void Wait() => _done.Wait(TimeSpan.FromMinutes(1));
    }

    private sealed class SinkActor(Sink sink) : Actor
    {
        protected override void OnReceive(object message) => sink.Arrived();
    }

    private sealed class EchoActor : Actor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }

    /// <summary>
    /// The agent's side of the link. During a measured burst it holds the delivery it was handed (an
    /// agent busy with its session), so the figure is the guard path alone: the accepts, not the
    /// results. Between rounds it drains: it answers the held delivery and every one after it with a
    /// successful result, as a healthy agent does, until the inbox is empty.
    /// </summary>
    private sealed class CompletingLink(IActorRef agents) : Actor
    {
        private static readonly AgentId Agent = new("gpu-box");
        private DeliverFrame? _held;
        private bool _draining;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case DeliverFrame deliver when _draining:
                    Complete(deliver);
                    break;
                case DeliverFrame deliver:
                    _held = deliver;
                    break;
                case Drain:
                    _draining = true;
                    if (_held is { } held)
                    {
                        _held = null;
                        Complete(held);
                    }

                    break;
                case Hold:
                    _draining = false;
                    break;
            }
        }

        private void Complete(DeliverFrame deliver) =>
            agents.Tell(new RunResultReport(Agent, new SessionId(deliver.SessionId), deliver.MessageId, Ok: true, Retryable: false, Error: null));

        public sealed record Drain
        {
            public static readonly Drain Instance = new();
        }

        public sealed record Hold
        {
            public static readonly Hold Instance = new();
        }
    }
}
