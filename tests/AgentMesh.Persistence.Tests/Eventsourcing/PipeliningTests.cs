using AgentMesh.Actors;
using AgentMesh.Actors.TestKit;
using AgentMesh.Persistence.Eventsourcing;
using AgentMesh.Persistence.InMemory;

namespace AgentMesh.Persistence.Tests.Eventsourcing;

/// <summary>
/// Pipelined commands (<c>CanPipeline</c>): handled while earlier writes are in flight, handlers in
/// write order once durable, never overtaking or overtaken by a command that is not pipelined.
/// </summary>
public sealed class PipeliningTests : IAsyncLifetime
{
    private readonly HeldJournal _journal = new(new InMemoryEventJournal());
    private readonly ActorTestKit _kit = new();
    private TestProbe _probe = null!;
    private IActorRef _actor = null!;

    public async Task InitializeAsync()
    {
        PersistenceExtension.Register(_kit.System, new PersistenceExtension(_journal, new InMemorySnapshotStore(), CounterActor.Serializer));
        _probe = _kit.CreateProbe();
        var probe = _probe;
        _actor = _kit.Spawn(Props.Create(() => new PipeliningActor(probe)));
        await _probe.ExpectMsgAsync<string>(); // "recovered"
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task PipelinedCommands_AreWrittenWhileEarlierWritesAreInFlight_AndHandledInWriteOrder()
    {
        // Each command arrives once the write before it is on its way: three appends, none durable yet.
        _actor.Tell(new Pipelined(1), _probe);
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        _actor.Tell(new Pipelined(2), _probe);
        await _journal.WhenHeldAtLeast(2).WaitAsync(TimeSpan.FromSeconds(10));
        _actor.Tell(new Pipelined(3), _probe);
        await _journal.WhenHeldAtLeast(3).WaitAsync(TimeSpan.FromSeconds(10));
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        _journal.ReleaseAll();
        (await _probe.ReceiveNAsync<string>(3)).Should().Equal("applied 1 at 1 (total 1)", "applied 2 at 2 (total 3)", "applied 3 at 3 (total 6)");
    }

    [Fact]
    public async Task Handlers_RunInWriteOrder_WhenTheJournalCompletesAppendsOutOfOrder()
    {
        _actor.Tell(new Pipelined(1), _probe);
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        _actor.Tell(new Pipelined(2), _probe);
        await _journal.WhenHeldAtLeast(2).WaitAsync(TimeSpan.FromSeconds(10));

        _journal.Release(1); // the second append completes first
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        _journal.Release(0);

        (await _probe.ReceiveNAsync<string>(2)).Should().Equal("applied 1 at 1 (total 1)", "applied 2 at 2 (total 3)");
    }

    [Fact]
    public async Task ACommandThatIsNotPipelined_WaitsForEveryWriteInFlight_AndEverythingWaitsForIt()
    {
        _actor.Tell(new Pipelined(1), _probe);
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        _actor.Tell(new Exclusive(10), _probe);
        _actor.Tell(new Pipelined(100), _probe);
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        _journal.HeldCount.Should().Be(1, "the exclusive command waits for the pipelined write, and the next pipelined one waits behind it");

        _journal.ReleaseAll();
        (await _probe.ExpectMsgAsync<string>()).Should().Be("applied 1 at 1 (total 1)");
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        _journal.HeldCount.Should().Be(1, "while the exclusive write is in flight, the pipelined command behind it waits");

        _journal.ReleaseAll();
        (await _probe.ExpectMsgAsync<string>()).Should().Be("exclusive 10 at 2 saw total 1 (total 11)");
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        _journal.ReleaseAll();
        (await _probe.ExpectMsgAsync<string>()).Should().Be("applied 100 at 3 (total 111)");
    }

    [Fact]
    public async Task PipelinedCommandsQueuedTogether_AreWrittenAsOneAppend_AndEachHandlerRunsWithItsOwnSender()
    {
        // The exclusive write holds the three pipelined commands back, so they are handled together.
        var second = _kit.CreateProbe();
        _actor.Tell(new Exclusive(10), _probe);
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        _actor.Tell(new Pipelined(1), _probe);
        _actor.Tell(new Pipelined(2), second);
        _actor.Tell(new Pipelined(3), _probe);
        _journal.ReleaseAll();
        (await _probe.ExpectMsgAsync<string>()).Should().Be("exclusive 10 at 1 saw total 0 (total 10)");

        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        _journal.HeldCount.Should().Be(1);
        _journal.HeldEntries(0).Select(entry => entry.SequenceNr).Should().Equal(2, 3, 4);

        _journal.ReleaseAll();
        (await _probe.ReceiveNAsync<string>(2)).Should().Equal("applied 1 at 2 (total 11)", "applied 3 at 4 (total 16)");
        (await second.ExpectMsgAsync<string>()).Should().Be("applied 2 at 3 (total 13)");
    }

    [Fact]
    public async Task ALongRunOfQueuedPipelinedCommands_IsWrittenInAppendsOfAtMost128Events()
    {
        _actor.Tell(new Exclusive(0), _probe);
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 300; i++)
        {
            _actor.Tell(new Pipelined(1), _probe);
        }

        _journal.ReleaseAll();
        await _probe.ExpectMsgAsync<string>(); // the exclusive command's answer
        await _journal.WhenHeldAtLeast(3).WaitAsync(TimeSpan.FromSeconds(10));

        Enumerable.Range(0, 3).Select(i => _journal.HeldEntries(i).Count).Should().Equal(128, 128, 44);
        _journal.ReleaseAll();
        (await _probe.ReceiveNAsync<string>(300)).Last().Should().Be("applied 1 at 301 (total 300)");
    }

    [Fact]
    public async Task Defer_RunsOnlyOnceEveryEarlierWriteIsDurable()
    {
        _actor.Tell(new Pipelined(1), _probe);
        _actor.Tell(new Answer("after 1"), _probe);
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        _journal.ReleaseAll();
        (await _probe.ReceiveNAsync<string>(2)).Should().Equal("applied 1 at 1 (total 1)", "after 1");

        _actor.Tell(new Answer("at once"), _probe);
        (await _probe.ExpectMsgAsync<string>()).Should().Be("at once");
    }

    [Fact]
    public async Task AFailedPipelinedWrite_StopsTheActor_AndNoLaterHandlerRuns()
    {
        _actor.Tell(new Pipelined(1), _probe);
        await _journal.WhenHeldAtLeast(1).WaitAsync(TimeSpan.FromSeconds(10));
        _actor.Tell(new Pipelined(2), _probe);
        await _journal.WhenHeldAtLeast(2).WaitAsync(TimeSpan.FromSeconds(10));
        _probe.Watch(_actor);

        _journal.Fail(0, new IOException("disk full"));
        _journal.Release(0); // the second append, now the oldest held, is written

        await _probe.ExpectTerminatedAsync(_actor);
        await _probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    private sealed record Pipelined(int Amount);

    private sealed record Exclusive(int Amount);

    private sealed record Answer(string Text);

    /// <summary>Adds amounts; <see cref="Pipelined"/> and <see cref="Answer"/> are pipelined, <see cref="Exclusive"/> is not.</summary>
    private sealed class PipeliningActor(IActorRef probe) : PersistentActor
    {
        private int _total;

        public override PersistenceId PersistenceId => new("pipelining");

        protected override bool CanPipeline(object command) => command is Pipelined or Answer;

        protected override void OnRecover(object message)
        {
            if (message is RecoveryCompleted)
            {
                probe.Tell("recovered");
            }
        }

        protected override void OnCommand(object message)
        {
            switch (message)
            {
                case Pipelined pipelined:
                    Persist(new Added(pipelined.Amount), e =>
                    {
                        _total += e.Amount;
                        Sender.Tell($"applied {e.Amount} at {LastSequenceNr} (total {_total})");
                    });
                    break;
                case Exclusive exclusive:
                    var seen = _total;
                    Persist(new Added(exclusive.Amount), e =>
                    {
                        _total += e.Amount;
                        Sender.Tell($"exclusive {e.Amount} at {LastSequenceNr} saw total {seen} (total {_total})");
                    });
                    break;
                case Answer answer:
                    Defer(() => Sender.Tell(answer.Text));
                    break;
            }
        }
    }

    /// <summary>Holds every append until the test releases it (in any order), or fails it.</summary>
    private sealed class HeldJournal(IEventJournal inner) : IEventJournal
    {
        private readonly List<(IReadOnlyList<JournalEntry> Entries, TaskCompletionSource Done)> _held = [];
        private readonly Lock _lock = new();
        private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

        public int HeldCount
        {
            get
            {
                lock (_lock)
                {
                    return _held.Count(h => !h.Done.Task.IsCompleted);
                }
            }
        }

        public Task WhenHeldAtLeast(int count)
        {
            lock (_lock)
            {
                if (_held.Count(h => !h.Done.Task.IsCompleted) >= count)
                {
                    return Task.CompletedTask;
                }

                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, signal));
                return signal.Task;
            }
        }

        /// <summary>The entries of the <paramref name="index"/>-th append still held (0 is the oldest).</summary>
        public IReadOnlyList<JournalEntry> HeldEntries(int index)
        {
            lock (_lock)
            {
                return _held.Where(h => !h.Done.Task.IsCompleted).ElementAt(index).Entries;
            }
        }

        /// <summary>Completes the <paramref name="index"/>-th append still held (0 is the oldest), writing it first.</summary>
        public void Release(int index) => Complete(index, null);

        public void Fail(int index, Exception error) => Complete(index, error);

        public void ReleaseAll()
        {
            while (HeldCount > 0)
            {
                Release(0);
            }
        }

        public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _held.Add((entries, done));
                var open = _held.Count(h => !h.Done.Task.IsCompleted);
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (open >= _waiters[i].Count)
                    {
                        _waiters[i].Signal.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }

            return done.Task;
        }

        public Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken) =>
            inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);

        public IAsyncEnumerable<JournalEntry> ReplayAsync(PersistenceId persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken) =>
            inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

        public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
            inner.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);

        private void Complete(int index, Exception? error)
        {
            (IReadOnlyList<JournalEntry> Entries, TaskCompletionSource Done) held;
            lock (_lock)
            {
                held = _held.Where(h => !h.Done.Task.IsCompleted).ElementAt(index);
            }

            if (error is null)
            {
                inner.AppendAsync(held.Entries, CancellationToken.None).GetAwaiter().GetResult();
                held.Done.SetResult();
            }
            else
            {
                held.Done.SetException(error);
            }
        }
    }
}
