using System.Text;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests;

/// <summary>
/// The contract of <see cref="ISnapshotStore"/>, run against every back end (modelled on akka.net's
/// SnapshotStoreSpec). Each test opens the store afresh and uses persistence ids of its own.
/// </summary>
public abstract class SnapshotStoreSpec : IAsyncLifetime
{
    private StoreUnderTest? _store;

    private ISnapshotStore Snapshots =>
        (_store ?? throw new InvalidOperationException("xunit has not initialised the test.")).Snapshots;

    public async Task InitializeAsync() => _store = await OpenAsync().WaitAsync(TestTimeout);

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        }
    }

    /// <summary>Opens the back end on this test class's data; called once per test.</summary>
    protected abstract Task<StoreUnderTest> OpenAsync();

    [Fact]
    public async Task LoadLatest_ReturnsTheSavedSnapshot_WithEveryField()
    {
        var pid = NewPersistenceId();
        await Snapshots.SaveAsync(Snapshot(pid, 10), CancellationToken.None).WaitAsync(TestTimeout);

        var loaded = await Snapshots.LoadLatestAsync(pid, SnapshotCriteria.Any, CancellationToken.None).WaitAsync(TestTimeout);

        loaded.Should().NotBeNull();
        loaded!.PersistenceId.Should().Be(pid);
        loaded.SequenceNr.Should().Be(10);
        loaded.Timestamp.Should().Be(Stored(Snapshot(pid, 10).Timestamp));
        loaded.Manifest.Should().Be("test.state.v1");
        Encoding.UTF8.GetString(loaded.Payload.Span).Should().Be("state at 10");
    }

    [Fact]
    public async Task LoadLatest_ForHundredsOfPersistenceIdsAtOnce_AnswersEachItsOwnSnapshot()
    {
        // More loads than one coalesced query takes, with different criteria for one id.
        var pids = Enumerable.Range(0, 300).Select(_ => NewPersistenceId()).ToArray();
        for (var i = 0; i < pids.Length; i += 2)
        {
            await Snapshots.SaveAsync(Snapshot(pids[i], 10), CancellationToken.None).WaitAsync(TestTimeout);
            await Snapshots.SaveAsync(Snapshot(pids[i], 20), CancellationToken.None).WaitAsync(TestTimeout);
        }

        var loads = pids.Select(pid => Snapshots.LoadLatestAsync(pid, SnapshotCriteria.Any, CancellationToken.None))
            .Append(Snapshots.LoadLatestAsync(pids[0], SnapshotCriteria.UpTo(15), CancellationToken.None))
            .ToArray();
        var loaded = await Task.WhenAll(loads).WaitAsync(TestTimeout);

        for (var i = 0; i < pids.Length; i++)
        {
            if (i % 2 == 0)
            {
                loaded[i]!.PersistenceId.Should().Be(pids[i]);
                loaded[i]!.SequenceNr.Should().Be(20);
            }
            else
            {
                loaded[i].Should().BeNull($"{pids[i]} has no snapshot");
            }
        }

        loaded[^1]!.SequenceNr.Should().Be(10);
    }

    [Fact]
    public async Task LoadLatest_OfUnknownPersistenceId_ReturnsNull()
    {
        var loaded = await Snapshots.LoadLatestAsync(NewPersistenceId(), SnapshotCriteria.Any, CancellationToken.None).WaitAsync(TestTimeout);

        loaded.Should().BeNull();
    }

    [Theory]
    [InlineData(long.MaxValue, 30L)]
    [InlineData(30, 30L)]
    [InlineData(29, 20L)]
    [InlineData(10, 10L)]
    [InlineData(9, null)]
    public async Task LoadLatest_ReturnsTheHighestSnapshot_AtOrBelowTheMaxSequenceNr(long maxSequenceNr, long? expected)
    {
        var pid = NewPersistenceId();
        foreach (var sequenceNr in new[] { 20, 10, 30 })
        {
            await Snapshots.SaveAsync(Snapshot(pid, sequenceNr), CancellationToken.None).WaitAsync(TestTimeout);
        }

        var loaded = await Snapshots.LoadLatestAsync(pid, SnapshotCriteria.UpTo(maxSequenceNr), CancellationToken.None).WaitAsync(TestTimeout);

        loaded?.SequenceNr.Should().Be(expected);
        (loaded is null).Should().Be(expected is null);
    }

    [Fact]
    public async Task LoadLatest_RespectsTheMaxTimestamp()
    {
        var pid = NewPersistenceId();
        foreach (var sequenceNr in new[] { 10, 20, 30 })
        {
            await Snapshots.SaveAsync(Snapshot(pid, sequenceNr), CancellationToken.None).WaitAsync(TestTimeout);
        }

        var criteria = new SnapshotCriteria(long.MaxValue, Snapshot(pid, 20).Timestamp);
        var loaded = await Snapshots.LoadLatestAsync(pid, criteria, CancellationToken.None).WaitAsync(TestTimeout);

        loaded!.SequenceNr.Should().Be(20);
    }

    [Fact]
    public async Task Save_AtTheSameSequenceNr_ReplacesTheSnapshot()
    {
        var pid = NewPersistenceId();
        await Snapshots.SaveAsync(Snapshot(pid, 10), CancellationToken.None).WaitAsync(TestTimeout);

        await Snapshots.SaveAsync(Snapshot(pid, 10) with { Payload = "second"u8.ToArray() }, CancellationToken.None).WaitAsync(TestTimeout);

        var loaded = await Snapshots.LoadLatestAsync(pid, SnapshotCriteria.Any, CancellationToken.None).WaitAsync(TestTimeout);
        Encoding.UTF8.GetString(loaded!.Payload.Span).Should().Be("second");
    }

    [Fact]
    public async Task Delete_RemovesTheMatchingSnapshots_AndKeepsNewerOnes()
    {
        var pid = NewPersistenceId();
        var other = NewPersistenceId();
        foreach (var sequenceNr in new[] { 10, 20, 30 })
        {
            await Snapshots.SaveAsync(Snapshot(pid, sequenceNr), CancellationToken.None).WaitAsync(TestTimeout);
        }

        await Snapshots.SaveAsync(Snapshot(other, 10), CancellationToken.None).WaitAsync(TestTimeout);

        await Snapshots.DeleteAsync(pid, SnapshotCriteria.UpTo(20), CancellationToken.None).WaitAsync(TestTimeout);

        (await Snapshots.LoadLatestAsync(pid, SnapshotCriteria.Any, CancellationToken.None).WaitAsync(TestTimeout))!.SequenceNr.Should().Be(30);
        (await Snapshots.LoadLatestAsync(pid, SnapshotCriteria.UpTo(29), CancellationToken.None).WaitAsync(TestTimeout)).Should().BeNull();
        (await Snapshots.LoadLatestAsync(other, SnapshotCriteria.Any, CancellationToken.None).WaitAsync(TestTimeout)).Should().NotBeNull();
    }

    [Fact]
    public async Task Save_CopiesThePayload_SoTheCallerMayReuseItsBuffer()
    {
        var pid = NewPersistenceId();
        var buffer = Encoding.UTF8.GetBytes("original");
        await Snapshots.SaveAsync(Snapshot(pid, 1) with { Payload = buffer }, CancellationToken.None).WaitAsync(TestTimeout);

        Encoding.UTF8.GetBytes("REUSED!!").CopyTo(buffer, 0);

        var loaded = await Snapshots.LoadLatestAsync(pid, SnapshotCriteria.Any, CancellationToken.None).WaitAsync(TestTimeout);
        Encoding.UTF8.GetString(loaded!.Payload.Span).Should().Be("original");
    }

    [Fact]
    public async Task Operations_WithACancelledToken_Throw_AndSaveNothing()
    {
        var pid = NewPersistenceId();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var save = () => Snapshots.SaveAsync(Snapshot(pid, 1), cancelled.Token).WaitAsync(TestTimeout);
        var load = () => Snapshots.LoadLatestAsync(pid, SnapshotCriteria.Any, cancelled.Token).WaitAsync(TestTimeout);
        var delete = () => Snapshots.DeleteAsync(pid, SnapshotCriteria.Any, cancelled.Token).WaitAsync(TestTimeout);

        await save.Should().ThrowAsync<OperationCanceledException>();
        await load.Should().ThrowAsync<OperationCanceledException>();
        await delete.Should().ThrowAsync<OperationCanceledException>();
        (await Snapshots.LoadLatestAsync(pid, SnapshotCriteria.Any, CancellationToken.None).WaitAsync(TestTimeout)).Should().BeNull();
    }

    private static SnapshotEntry Snapshot(PersistenceId persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, Epoch.AddMinutes(sequenceNr), "test.state.v1", Encoding.UTF8.GetBytes($"state at {sequenceNr}"));
}
