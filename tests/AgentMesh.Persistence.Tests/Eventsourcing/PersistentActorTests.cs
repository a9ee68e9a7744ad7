using AgentMesh.Actors;
using AgentMesh.Actors.Pattern;
using AgentMesh.Actors.TestKit;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.InMemory;
using AgentMesh.Persistence.Serialization;
using AgentMesh.Persistence.Sqlite;

namespace AgentMesh.Persistence.Tests.Eventsourcing;

public sealed class PersistentActorTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly InMemoryEventJournal _journal = new();
    private readonly InMemorySnapshotStore _snapshots = new();
    private readonly List<ActorTestKit> _kits = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var kit in _kits)
        {
            await kit.DisposeAsync();
        }
    }

    [Fact]
    public async Task Persist_RunsTheHandlerWithTheCommandsSender_AndTheStateSurvivesANewSystem()
    {
        var (kit, probe) = StartKit(_journal);
        var counter = kit.Spawn(Props.Create(() => new CounterActor("a", probe)));
        await probe.ExpectMsgAsync<CounterActor.Recovered>();

        (await counter.Ask<string>(5, Timeout)).Should().Be("total:5");
        (await counter.Ask<string>(7, Timeout)).Should().Be("total:12");
        await kit.ShutdownAsync();

        var (second, probe2) = StartKit(_journal);
        second.Spawn(Props.Create(() => new CounterActor("a", probe2)));
        var recovered = await probe2.ExpectMsgAsync<CounterActor.Recovered>();
        recovered.Should().Be(new CounterActor.Recovered(12, 2, 2));
    }

    [Fact]
    public async Task CommandsSentDuringRecovery_WaitAndSeeTheRecoveredState_InOrder()
    {
        await _journal.AppendAsync(
            Enumerable.Range(1, 500).Select(i => CounterActor.Serializer.ToJournalEntry(new PersistenceId("counter-b"), i, new Added(1), TestData.Epoch, "w")).ToArray(),
            CancellationToken.None);
        var (kit, probe) = StartKit(_journal);

        var counter = kit.Spawn(Props.Create(() => new CounterActor("b", probe)));
        counter.Tell("total", probe);
        counter.Tell(1, probe);
        counter.Tell("total", probe);

        (await probe.ExpectMsgAsync<CounterActor.Recovered>()).Total.Should().Be(500);
        (await probe.ReceiveNAsync<string>(3)).Should().Equal("total:500", "total:501", "total:501");
    }

    [Fact]
    public async Task CommandsArrivingWhileAWriteIsInFlight_WaitForItsHandler()
    {
        var gated = new GatedJournal(_journal);
        var (kit, probe) = StartKit(gated);
        var counter = kit.Spawn(Props.Create(() => new CounterActor("c", probe)));
        await probe.ExpectMsgAsync<CounterActor.Recovered>();

        gated.Close();
        counter.Tell(10, probe);
        await gated.WhenWriteArrives.WaitAsync(Timeout);
        counter.Tell("total", probe);
        await probe.ExpectNoMsgAsync();
        gated.Open();

        (await probe.ReceiveNAsync<string>(2)).Should().Equal("total:10", "total:10");
    }

    [Fact]
    public async Task PersistAll_WritesOneAtomicBatch_AndRunsEveryHandlerInOrder()
    {
        var (kit, probe) = StartKit(_journal);
        var counter = kit.Spawn(Props.Create(() => new CounterActor("d", probe)));
        await probe.ExpectMsgAsync<CounterActor.Recovered>();

        counter.Tell("add-two-in-one-batch");

        (await counter.Ask<string>("total", Timeout)).Should().Be("total:3");
        (await counter.Ask<long>("seq", Timeout)).Should().Be(2);
        (await _journal.ReplayAllAsync(new PersistenceId("counter-d"))).Select(e => e.SequenceNr).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Recovery_StartsFromTheLatestSnapshot_AndReplaysOnlyLaterEvents()
    {
        var (kit, probe) = StartKit(_journal);
        var counter = kit.Spawn(Props.Create(() => new CounterActor("e", probe)));
        await probe.ExpectMsgAsync<CounterActor.Recovered>();
        await counter.Ask<string>(1, Timeout);
        await counter.Ask<string>(2, Timeout);
        counter.Tell("snapshot");
        await probe.ExpectMsgAsync("snapshot-saved:2");
        await counter.Ask<string>(4, Timeout);
        await kit.ShutdownAsync();

        var (second, probe2) = StartKit(_journal);
        second.Spawn(Props.Create(() => new CounterActor("e", probe2)));

        await probe2.ExpectMsgAsync("snapshot:3");
        (await probe2.ExpectMsgAsync<CounterActor.Recovered>()).Should().Be(new CounterActor.Recovered(7, 1, 3));
    }

    [Fact]
    public async Task AfterDeletingEverything_NewEventsContinueAfterTheHighestNumber()
    {
        var (kit, probe) = StartKit(_journal);
        var counter = kit.Spawn(Props.Create(() => new CounterActor("f", probe)));
        await probe.ExpectMsgAsync<CounterActor.Recovered>();
        await counter.Ask<string>(1, Timeout);
        await counter.Ask<string>(2, Timeout);
        counter.Tell("snapshot");
        await probe.ExpectMsgAsync("snapshot-saved:2");
        counter.Tell("delete");
        await probe.ExpectMsgAsync("deleted:2");
        await kit.ShutdownAsync();

        var (second, probe2) = StartKit(_journal);
        var again = second.Spawn(Props.Create(() => new CounterActor("f", probe2)));
        await probe2.ExpectMsgAsync("snapshot:3");
        (await probe2.ExpectMsgAsync<CounterActor.Recovered>()).LastSequenceNr.Should().Be(2);
        (await again.Ask<string>(10, Timeout)).Should().Be("total:13");
        (await again.Ask<long>("seq", Timeout)).Should().Be(3);
    }

    [Fact]
    public async Task JournalWriteFailure_StopsTheActor()
    {
        var failing = new FailingJournal(_journal);
        var (kit, probe) = StartKit(failing);
        var counter = kit.Spawn(Props.Create(() => new CounterActor("g", probe)));
        await probe.ExpectMsgAsync<CounterActor.Recovered>();
        probe.Watch(counter);

        failing.FailWrites = true;
        counter.Tell(1);

        (await probe.ExpectMsgAsync<CounterActor.WriteFailed>()).Cause.Message.Should().Be("disk full");
        await probe.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task RejectedEvent_IsReportedToTheSender_AndTheActorKeepsRunning()
    {
        var (kit, probe) = StartKit(_journal);
        var counter = kit.Spawn(Props.Create(() => new CounterActor("h", probe)));
        await probe.ExpectMsgAsync<CounterActor.Recovered>();

        var rejected = await counter.Invoking(c => c.Ask<string>("unregistered", Timeout)).Should().ThrowAsync<EventRejectedException>();
        rejected.WithMessage("*Unregistered*");

        (await counter.Ask<string>(3, Timeout)).Should().Be("total:3");
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task UnknownManifestInTheJournal_FailsRecovery_NamingPersistenceIdAndSequenceNumber()
    {
        var pid = new PersistenceId("counter-i");
        await _journal.AppendAsync(
            [
                CounterActor.Serializer.ToJournalEntry(pid, 1, new Added(1), TestData.Epoch, "w"),
                new JournalEntry(pid, 2, "test.removed-event.v1", "{}"u8.ToArray(), TestData.Epoch, "w"),
            ],
            CancellationToken.None);
        var (kit, probe) = StartKit(_journal);

        var counter = kit.Spawn(Props.Create(() => new CounterActor("i", probe)));
        probe.Watch(counter);

        var failure = await probe.ExpectMsgAsync<CounterActor.RecoveryFailedReport>();
        failure.Cause.Message.Should().Contain("counter-i").And.Contain("2").And.Contain("test.removed-event.v1");
        await probe.ExpectTerminatedAsync(counter);
    }

    [Fact]
    public async Task TwoWritersForOnePersistenceId_OnOneSqliteFile_ExactlyOneWins_TheOtherStops()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agentmesh-two-writers-{Guid.NewGuid():N}.db");
        try
        {
            await using var storeA = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None);
            await using var storeB = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None);
            var (kitA, probeA) = StartKit(storeA.Journal, storeA.Snapshots);
            var (kitB, probeB) = StartKit(storeB.Journal, storeB.Snapshots);
            var a = kitA.Spawn(Props.Create(() => new CounterActor("shared", probeA)));
            var b = kitB.Spawn(Props.Create(() => new CounterActor("shared", probeB)));
            await probeA.ExpectMsgAsync<CounterActor.Recovered>();
            await probeB.ExpectMsgAsync<CounterActor.Recovered>();
            probeA.Watch(a);
            probeB.Watch(b);

            // Both recovered at sequence number 0; both now claim number 1.
            a.Tell(1, probeA);
            b.Tell(1, probeB);

            var outcomes = await Task.WhenAll(Outcome(probeA, a), Outcome(probeB, b));
            outcomes.Should().BeEquivalentTo(["won", "stopped:JournalConcurrencyException"]);
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }

        static async Task<string> Outcome(TestProbe probe, IActorRef actor)
        {
            var first = await probe.FishForMessageAsync<object>(m => m is string or CounterActor.WriteFailed);
            if (first is CounterActor.WriteFailed failed)
            {
                await probe.ExpectTerminatedAsync(actor);
                return "stopped:" + failed.Cause.GetType().Name;
            }

            return "won";
        }
    }

    private (ActorTestKit Kit, TestProbe Probe) StartKit(IEventJournal journal, ISnapshotStore? snapshots = null)
    {
        var kit = new ActorTestKit();
        _kits.Add(kit);
        PersistenceExtension.Register(kit.System, new PersistenceExtension(journal, snapshots ?? _snapshots, CounterActor.Serializer));
        return (kit, kit.CreateProbe());
    }

    /// <summary>Holds appends until opened.</summary>
    private sealed class GatedJournal(IEventJournal inner) : IEventJournal
    {
        private readonly TaskCompletionSource _writeArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WhenWriteArrives => _writeArrived.Task;

        public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public async Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
        {
            _writeArrived.TrySetResult();
            await _gate.Task;
            await inner.AppendAsync(entries, cancellationToken);
        }

        public Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken) =>
            inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

        public IAsyncEnumerable<JournalEntry> ReplayAsync(PersistenceId persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken) =>
            inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

        public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
            inner.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);
    }

    /// <summary>Fails appends on demand, like a full disk.</summary>
    private sealed class FailingJournal(IEventJournal inner) : IEventJournal
    {
        public bool FailWrites { get; set; }

        public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) =>
            FailWrites ? Task.FromException(new IOException("disk full")) : inner.AppendAsync(entries, cancellationToken);

        public Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken) =>
            inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

        public IAsyncEnumerable<JournalEntry> ReplayAsync(PersistenceId persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken) =>
            inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

        public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
            inner.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);
    }
}
