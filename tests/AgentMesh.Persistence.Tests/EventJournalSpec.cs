using System.Text;
using AgentMesh.Persistence.Serialization;
using AgentMesh.Persistence.Tests.Serialization;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests;

/// <summary>
/// The contract of <see cref="IEventJournal"/>, run against every back end (modelled on akka.net's
/// JournalSpec). A back end derives it, says how to open a store, and declares its capabilities;
/// tests of a capability it lacks pass without checking anything. Each test opens the store afresh
/// and uses persistence ids of its own, so tests of one class may share a file or database.
/// </summary>
public abstract class EventJournalSpec : IAsyncLifetime
{
    private StoreUnderTest? _store;

    protected virtual JournalCapabilities Capabilities => JournalCapabilities.None;

    private StoreUnderTest Store => _store ?? throw new InvalidOperationException("xunit has not initialised the test.");

    private IEventJournal Journal => Store.Journal;

    public async Task InitializeAsync() => _store = await OpenAsync().WaitAsync(TestTimeout);

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        }
    }

    /// <summary>Opens the back end on this test class's data; called once per test (and again to reopen).</summary>
    protected abstract Task<StoreUnderTest> OpenAsync();

    [Fact]
    public async Task Replay_ReturnsAppendedEntriesInOrder_WithEveryField()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None).WaitAsync(TestTimeout);
        await Journal.AppendAsync([Entry(pid, 4, "writer-2")], CancellationToken.None).WaitAsync(TestTimeout);

        var replayed = await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout);

        replayed.Select(entry => entry.SequenceNr).Should().Equal(1, 2, 3, 4);
        for (var i = 0; i < replayed.Count; i++)
        {
            var expected = Entry(pid, i + 1, i == 3 ? "writer-2" : "writer-1");
            replayed[i].PersistenceId.Should().Be(pid);
            replayed[i].Manifest.Should().Be(expected.Manifest);
            replayed[i].Payload.ToArray().Should().Equal(expected.Payload.ToArray());
            replayed[i].Timestamp.Should().Be(Stored(expected.Timestamp));
            replayed[i].WriterId.Should().Be(expected.WriterId);
        }
    }

    [Fact]
    public async Task Timestamp_IsStoredInUtc_ToTheMicrosecond()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync([Entry(pid, 1)], CancellationToken.None).WaitAsync(TestTimeout);

        var stored = (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Single().Timestamp;

        stored.Offset.Should().Be(TimeSpan.Zero);
        stored.Should().Be(Stored(Epoch.AddSeconds(1)));
        stored.UtcTicks.Should().Be(Epoch.AddSeconds(1).UtcTicks - 7, "the 0.7 µs below the microsecond are dropped");
    }

    [Theory]
    [InlineData(1, long.MaxValue, long.MaxValue, new long[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData(2, 4, long.MaxValue, new long[] { 2, 3, 4 })]
    [InlineData(3, long.MaxValue, 2, new long[] { 3, 4 })]
    [InlineData(1, long.MaxValue, 0, new long[0])]
    [InlineData(5, 3, long.MaxValue, new long[0])]
    [InlineData(7, long.MaxValue, long.MaxValue, new long[0])]
    [InlineData(0, 1, long.MaxValue, new long[] { 1 })]
    public async Task Replay_ReturnsTheRequestedRange_UpToMax(long from, long to, long max, long[] expected)
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 6), CancellationToken.None).WaitAsync(TestTimeout);

        var replayed = await Journal.ReplayAllAsync(pid, from, to, max).WaitAsync(TestTimeout);

        replayed.Select(entry => entry.SequenceNr).Should().Equal(expected);
    }

    [Fact]
    public async Task Replay_OfUnknownPersistenceId_IsEmpty_AndItsHighestSequenceNrIsZero()
    {
        var pid = NewPersistenceId();

        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Should().BeEmpty();
        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(0);
    }

    [Fact]
    public async Task ReadHighestSequenceNr_ReturnsTheLastAppended_PerPersistenceId()
    {
        var first = NewPersistenceId();
        var second = NewPersistenceId();
        await Journal.AppendAsync(Entries(first, 1, 5), CancellationToken.None).WaitAsync(TestTimeout);
        await Journal.AppendAsync(Entries(second, 1, 2), CancellationToken.None).WaitAsync(TestTimeout);

        (await Journal.ReadHighestSequenceNrAsync(first, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(5);
        (await Journal.ReadHighestSequenceNrAsync(second, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(2);
    }

    [Fact]
    public async Task ReadRecoveryStart_AnswersTheHighestSequenceNr_AndTheFirstEntriesFromTheRequestedOne()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 6), CancellationToken.None).WaitAsync(TestTimeout);
        await Journal.DeleteToAsync(pid, 2, CancellationToken.None).WaitAsync(TestTimeout);

        var fromStart = await Journal.ReadRecoveryStartAsync(pid, 1, 3, CancellationToken.None).WaitAsync(TestTimeout);
        var fromFive = await Journal.ReadRecoveryStartAsync(pid, 5, 10, CancellationToken.None).WaitAsync(TestTimeout);
        var pastTheEnd = await Journal.ReadRecoveryStartAsync(pid, 7, 10, CancellationToken.None).WaitAsync(TestTimeout);
        var unknown = await Journal.ReadRecoveryStartAsync(NewPersistenceId(), 1, 10, CancellationToken.None).WaitAsync(TestTimeout);

        fromStart.HighestSequenceNr.Should().Be(6);
        fromStart.Entries.Select(entry => entry.SequenceNr).Should().Equal(3, 4, 5);
        fromStart.Entries[0].Payload.ToArray().Should().Equal(Entry(pid, 3).Payload.ToArray());
        fromStart.Entries[0].PersistenceId.Should().Be(pid);
        fromFive.Entries.Select(entry => entry.SequenceNr).Should().Equal(5, 6);
        pastTheEnd.HighestSequenceNr.Should().Be(6);
        pastTheEnd.Entries.Should().BeEmpty();
        unknown.HighestSequenceNr.Should().Be(0);
        unknown.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task ReadRecoveryStart_ForHundredsOfPersistenceIdsAtOnce_AnswersEachItsOwnHistory()
    {
        // More ids than one coalesced query takes, one of them asked for twice from different numbers.
        var pids = Enumerable.Range(0, 300).Select(_ => NewPersistenceId()).ToArray();
        for (var i = 0; i < pids.Length; i++)
        {
            await Journal.AppendAsync(Entries(pids[i], 1, 1 + (i % 5)), CancellationToken.None).WaitAsync(TestTimeout);
        }

        var reads = pids.Select(pid => Journal.ReadRecoveryStartAsync(pid, 1, 100, CancellationToken.None))
            .Append(Journal.ReadRecoveryStartAsync(pids[4], 3, 100, CancellationToken.None))
            .ToArray();
        var starts = await Task.WhenAll(reads).WaitAsync(TestTimeout);

        for (var i = 0; i < pids.Length; i++)
        {
            starts[i].HighestSequenceNr.Should().Be(1 + (i % 5), $"{pids[i]} has {1 + (i % 5)} entries");
            starts[i].Entries.Select(entry => entry.SequenceNr).Should().Equal(Enumerable.Range(1, 1 + (i % 5)).Select(n => (long)n));
            starts[i].Entries.Should().OnlyContain(entry => entry.PersistenceId == pids[i]);
        }

        starts[^1].Entries.Select(entry => entry.SequenceNr).Should().Equal(3, 4, 5);
    }

    [Fact]
    public async Task ReadRecoveryStart_WithACancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var read = () => Journal.ReadRecoveryStartAsync(NewPersistenceId(), 1, 10, cancelled.Token).WaitAsync(TestTimeout);

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Append_ConflictingWithAStoredEntry_ThrowsConcurrencyException_AndWritesNothingOfTheBatch()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync([Entry(pid, 3, "winner")], CancellationToken.None).WaitAsync(TestTimeout);

        var act = () => Journal.AppendAsync(Entries(pid, 1, 5, "loser"), CancellationToken.None).WaitAsync(TestTimeout);

        (await act.Should().ThrowAsync<JournalConcurrencyException>())
            .Where(e => e.PersistenceId == pid && e.SequenceNr == 3)
            .WithMessage($"*3*'{pid}'*");
        var stored = await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout);
        stored.Should().ContainSingle().Which.WriterId.Should().Be("winner");
    }

    // A lone single-entry append takes a statement of its own on PostgreSQL; its conflicts must read the same.
    [Fact]
    public async Task Append_OfOneEntry_AtAStoredSequenceNr_ThrowsConcurrencyException_AndKeepsTheStoredOne()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync([Entry(pid, 1, "winner")], CancellationToken.None).WaitAsync(TestTimeout);

        var act = () => Journal.AppendAsync([Entry(pid, 1, "loser")], CancellationToken.None).WaitAsync(TestTimeout);

        (await act.Should().ThrowAsync<JournalConcurrencyException>()).Where(e => e.PersistenceId == pid && e.SequenceNr == 1);
        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Should().ContainSingle().Which.WriterId.Should().Be("winner");
    }

    [Fact]
    public async Task Append_OfOneEntry_AtADeletedSequenceNr_ThrowsConcurrencyException_AndWritesNothing()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None).WaitAsync(TestTimeout);
        await Journal.DeleteToAsync(pid, 3, CancellationToken.None).WaitAsync(TestTimeout);

        var stale = () => Journal.AppendAsync([Entry(pid, 2, "stale")], CancellationToken.None).WaitAsync(TestTimeout);

        (await stale.Should().ThrowAsync<JournalConcurrencyException>()).Which.SequenceNr.Should().Be(2);
        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Should().BeEmpty();
        await Journal.AppendAsync([Entry(pid, 4)], CancellationToken.None).WaitAsync(TestTimeout);
        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(4);
    }

    [Fact]
    public async Task Append_LargerThanTheGroupLimit_IsStillWrittenAtomically()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync([Entry(pid, 1500, "winner")], CancellationToken.None).WaitAsync(TestTimeout);

        var conflicting = () => Journal.AppendAsync(Entries(pid, 1, 1500), CancellationToken.None).WaitAsync(TestTimeout);
        await conflicting.Should().ThrowAsync<JournalConcurrencyException>();
        await Journal.AppendAsync(Entries(pid, 1, 1499), CancellationToken.None).WaitAsync(TestTimeout);

        var stored = await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout);
        stored.Select(entry => entry.SequenceNr).Should().Equal(Enumerable.Range(1, 1500).Select(n => (long)n));
    }

    [Fact]
    public async Task TwoWriters_AppendingTheSameSequenceNrAtOnce_ExactlyOneWins()
    {
        await using var other = (Capabilities & JournalCapabilities.IndependentWriters) != 0
            ? await OpenAsync().WaitAsync(TestTimeout)
            : Store with { Owner = null };
        for (var round = 0; round < 10; round++)
        {
            var pid = NewPersistenceId();
            await Journal.AppendAsync(Entries(pid, 1, 2), CancellationToken.None).WaitAsync(TestTimeout);

            var first = Journal.AppendAsync(Entries(pid, 3, 4, "first"), CancellationToken.None);
            var second = other.Journal.AppendAsync(Entries(pid, 3, 4, "second"), CancellationToken.None);
            var outcomes = await Task.WhenAll(Outcome(first), Outcome(second)).WaitAsync(TestTimeout);

            outcomes.Count(outcome => outcome is null).Should().Be(1, "exactly one writer wins");
            outcomes.Single(outcome => outcome is not null).Should().BeOfType<JournalConcurrencyException>()
                .Which.SequenceNr.Should().Be(3);
            var winner = outcomes[0] is null ? "first" : "second";
            var stored = await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout);
            stored.Select(entry => entry.SequenceNr).Should().Equal(1, 2, 3, 4);
            stored.Skip(2).Should().OnlyContain(entry => entry.WriterId == winner);
        }
    }

    [Fact]
    public async Task ConcurrentAppends_OfManyPersistenceIds_CommitTogether_AndOnlyTheConflictingOneFails()
    {
        var taken = NewPersistenceId();
        await Journal.AppendAsync([Entry(taken, 1, "winner")], CancellationToken.None).WaitAsync(TestTimeout);
        var pids = Enumerable.Range(0, 40).Select(_ => NewPersistenceId()).ToList();
        var groupsBefore = Store.GroupCommit?.Groups() ?? 0;

        Task[] appends;
        using (Store.GroupCommit?.Pause())
        {
            // While the writer is held, every append below queues up; released, they form one group.
            appends = pids.Take(20)
                .Select(pid => Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None))
                .Append(Journal.AppendAsync(Entries(taken, 1, 2, "loser"), CancellationToken.None))
                .Concat(pids.Skip(20).Select(pid => Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None)))
                .ToArray();
        }

        var outcomes = await Task.WhenAll(appends.Select(Outcome)).WaitAsync(TestTimeout);

        outcomes[20].Should().BeOfType<JournalConcurrencyException>().Which.PersistenceId.Should().Be(taken);
        outcomes.Where((_, i) => i != 20).Should().OnlyContain(outcome => outcome == null);
        if (Store.GroupCommit is { } probe)
        {
            (probe.Groups() - groupsBefore).Should().Be(1, "the 41 appends were queued before the writer took them");
        }

        foreach (var pid in pids)
        {
            (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Should().HaveCount(3);
        }

        (await Journal.ReplayAllAsync(taken).WaitAsync(TestTimeout)).Should().ContainSingle().Which.WriterId.Should().Be("winner");
    }

    [Fact]
    public async Task ConcurrentAppends_OfOnePersistenceId_InOneGroup_CommitInOrder_AndTheOverlappingOneFails()
    {
        var pid = NewPersistenceId();
        Task[] appends;
        using (Store.GroupCommit?.Pause())
        {
            appends =
            [
                Journal.AppendAsync(Entries(pid, 1, 2, "a"), CancellationToken.None),
                Journal.AppendAsync(Entries(pid, 3, 4, "a"), CancellationToken.None),
                Journal.AppendAsync(Entries(pid, 4, 5, "b"), CancellationToken.None),
            ];
        }

        var outcomes = await Task.WhenAll(appends.Select(Outcome)).WaitAsync(TestTimeout);

        outcomes[0].Should().BeNull();
        outcomes[1].Should().BeNull();
        outcomes[2].Should().BeOfType<JournalConcurrencyException>().Which.SequenceNr.Should().Be(4);
        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Select(entry => entry.SequenceNr).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task DeleteTo_RemovesEntries_ButKeepsTheHighestSequenceNr()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 5), CancellationToken.None).WaitAsync(TestTimeout);

        await Journal.DeleteToAsync(pid, 3, CancellationToken.None).WaitAsync(TestTimeout);
        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Select(entry => entry.SequenceNr).Should().Equal(4, 5);

        await Journal.DeleteToAsync(pid, 5, CancellationToken.None).WaitAsync(TestTimeout);
        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Should().BeEmpty();
        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(5);
    }

    [Fact]
    public async Task DeleteTo_PastTheHighestEntry_RecordsTheHighestEntry_SoTheNextWriterContinuesThere()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None).WaitAsync(TestTimeout);

        await Journal.DeleteToAsync(pid, long.MaxValue, CancellationToken.None).WaitAsync(TestTimeout);

        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(3);
        await Journal.AppendAsync([Entry(pid, 4)], CancellationToken.None).WaitAsync(TestTimeout);
        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Select(entry => entry.SequenceNr).Should().Equal(4);
    }

    [Fact]
    public async Task Append_AtADeletedSequenceNr_ThrowsConcurrencyException()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None).WaitAsync(TestTimeout);
        await Journal.DeleteToAsync(pid, 3, CancellationToken.None).WaitAsync(TestTimeout);

        var stale = () => Journal.AppendAsync(Entries(pid, 2, 4, "stale"), CancellationToken.None).WaitAsync(TestTimeout);

        (await stale.Should().ThrowAsync<JournalConcurrencyException>()).Which.SequenceNr.Should().Be(2);
        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteTo_OfUnknownPersistenceId_ReservesNothing()
    {
        var pid = NewPersistenceId();

        await Journal.DeleteToAsync(pid, 10, CancellationToken.None).WaitAsync(TestTimeout);

        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(0);
        await Journal.AppendAsync([Entry(pid, 1)], CancellationToken.None).WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task Append_WithACancelledToken_Throws_AndWritesNothing()
    {
        var pid = NewPersistenceId();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => Journal.AppendAsync(Entries(pid, 1, 2), cancelled.Token).WaitAsync(TestTimeout);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(0);
    }

    [Fact]
    public async Task Append_CancelledWhileQueuedForTheWriter_Throws_AndWritesNothing()
    {
        if (Store.GroupCommit is not { } probe)
        {
            return; // without a writer queue an append is never waiting to be taken
        }

        var pid = NewPersistenceId();
        var other = NewPersistenceId();
        using var cancellation = new CancellationTokenSource();
        Task cancelled;
        Task kept;
        using (probe.Pause())
        {
            cancelled = Journal.AppendAsync(Entries(pid, 1, 2), cancellation.Token);
            kept = Journal.AppendAsync(Entries(other, 1, 2), CancellationToken.None);
            await cancellation.CancelAsync();
            await cancelled.Invoking(task => task.WaitAsync(TestTimeout)).Should().ThrowAsync<OperationCanceledException>();
        }

        await kept.WaitAsync(TestTimeout);
        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(0);
        (await Journal.ReadHighestSequenceNrAsync(other, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(2);
    }

    [Fact]
    public async Task Reads_WithACancelledToken_Throw()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None).WaitAsync(TestTimeout);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var highest = () => Journal.ReadHighestSequenceNrAsync(pid, cancelled.Token).WaitAsync(TestTimeout);
        var replay = async () =>
        {
            await foreach (var _ in Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, cancelled.Token))
            {
            }
        };

        await highest.Should().ThrowAsync<OperationCanceledException>();
        await replay.Invoking(run => run().WaitAsync(TestTimeout)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Replay_CancelledWhileEnumerating_StopsWithOperationCanceled()
    {
        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 50), CancellationToken.None).WaitAsync(TestTimeout);
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        var act = async () =>
        {
            await foreach (var _ in Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, CancellationToken.None)
                               .WithCancellation(cancellation.Token))
            {
                if (++seen == 10)
                {
                    await cancellation.CancelAsync();
                }
            }
        };

        await act.Invoking(run => run().WaitAsync(TestTimeout)).Should().ThrowAsync<OperationCanceledException>();
        seen.Should().Be(10);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("gap")]
    [InlineData("zero")]
    [InlineData("mixed")]
    public async Task Append_OfAMalformedBatch_IsRefused(string fault)
    {
        var pid = NewPersistenceId();
        JournalEntry[] batch = fault switch
        {
            "empty" => [],
            "gap" => [Entry(pid, 1), Entry(pid, 3)],
            "zero" => [Entry(pid, 0)],
            _ => [Entry(pid, 1), Entry(NewPersistenceId(), 2)],
        };

        var act = () => Journal.AppendAsync(batch, CancellationToken.None).WaitAsync(TestTimeout);

        await act.Should().ThrowAsync<ArgumentException>();
        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(0);
    }

    [Fact]
    public async Task Append_CopiesThePayload_SoTheCallerMayReuseItsBufferAfterwards()
    {
        var pid = NewPersistenceId();
        var buffer = Encoding.UTF8.GetBytes("original");
        await Journal.AppendAsync([Entry(pid, 1) with { Payload = buffer }], CancellationToken.None).WaitAsync(TestTimeout);

        Encoding.UTF8.GetBytes("REUSED!!").CopyTo(buffer, 0);

        var stored = (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Single();
        Encoding.UTF8.GetString(stored.Payload.Span).Should().Be("original");
    }

    [Fact]
    public async Task Append_OfASlicedPayload_StoresOnlyTheSlice()
    {
        var pid = NewPersistenceId();
        var buffer = Encoding.UTF8.GetBytes("xx[payload]xx");
        await Journal.AppendAsync([Entry(pid, 1) with { Payload = buffer.AsMemory(2, 9) }], CancellationToken.None).WaitAsync(TestTimeout);

        var stored = (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Single();
        Encoding.UTF8.GetString(stored.Payload.Span).Should().Be("[payload]");
    }

    [Fact]
    public async Task RejectedEvent_LeavesTheJournalUntouched_AndTheNextEventTakesItsPlace()
    {
        var pid = NewPersistenceId();
        var serializer = TestEvents.Serializer;

        var reject = () => serializer.ToJournalEntry(pid, 1, new NeverRegistered("x"), Epoch, "writer-1");

        reject.Should().Throw<EventRejectedException>();
        await Journal.AppendAsync([serializer.ToJournalEntry(pid, 1, new WelcomeSent("gpu-box", "inc-1"), Epoch, "writer-1")], CancellationToken.None)
            .WaitAsync(TestTimeout);
        var stored = (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Single();
        serializer.Deserialize(stored).Should().Be(new WelcomeSent("gpu-box", "inc-1"));
    }

    [Fact]
    public async Task ReplayedEntry_WithUnknownManifestOrCorruptPayload_FailsToDeserialize_NamingPersistenceIdAndSequenceNr()
    {
        var pid = NewPersistenceId();
        var serializer = TestEvents.Serializer;
        await Journal.AppendAsync(
            [
                serializer.ToJournalEntry(pid, 1, new WelcomeSent("gpu-box", "inc-1"), Epoch, "writer-1"),
                Entry(pid, 2) with { Manifest = "agent.from-the-future.v9" },
                Entry(pid, 3) with { Manifest = TestEvents.WelcomeSentManifest, Payload = "{\"AgentId\":\"gp"u8.ToArray() },
            ],
            CancellationToken.None).WaitAsync(TestTimeout);

        var stored = await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout);

        serializer.Deserialize(stored[0]).Should().Be(new WelcomeSent("gpu-box", "inc-1"));
        serializer.Invoking(s => s.Deserialize(stored[1])).Should().Throw<EventDeserializationException>()
            .Where(e => e.PersistenceId == pid && e.SequenceNr == 2)
            .WithMessage($"Entry 2 of persistence id '{pid}'*not registered*");
        serializer.Invoking(s => s.Deserialize(stored[2])).Should().Throw<EventDeserializationException>()
            .Where(e => e.PersistenceId == pid && e.SequenceNr == 3)
            .WithMessage($"Entry 3 of persistence id '{pid}'*not a valid WelcomeSent*");
    }

    [Fact]
    public async Task Entries_SurviveReopeningTheStore()
    {
        if ((Capabilities & JournalCapabilities.Durable) == 0)
        {
            return;
        }

        var pid = NewPersistenceId();
        await Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None).WaitAsync(TestTimeout);
        await Journal.DeleteToAsync(pid, 1, CancellationToken.None).WaitAsync(TestTimeout);
        await Store.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        _store = await OpenAsync().WaitAsync(TestTimeout);

        (await Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Select(entry => entry.SequenceNr).Should().Equal(2, 3);
        (await Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(3);
    }

    [Fact]
    public async Task Operations_AfterTheStoreIsDisposed_ThrowObjectDisposed()
    {
        if (Store.Owner is null)
        {
            return; // nothing to dispose
        }

        var pid = NewPersistenceId();
        await Store.DisposeAsync().AsTask().WaitAsync(TestTimeout);

        var append = () => Journal.AppendAsync([Entry(pid, 1)], CancellationToken.None).WaitAsync(TestTimeout);
        var read = () => Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout);
        var recoveryStart = () => Journal.ReadRecoveryStartAsync(pid, 1, 10, CancellationToken.None).WaitAsync(TestTimeout);

        await append.Should().ThrowAsync<ObjectDisposedException>();
        await read.Should().ThrowAsync<ObjectDisposedException>();
        await recoveryStart.Should().ThrowAsync<ObjectDisposedException>();
    }

    /// <summary>Null when the task succeeded, else its exception (never aggregated).</summary>
    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
