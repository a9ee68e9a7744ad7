namespace AgentMesh.Persistence.CrashWriter;

/// <summary>Appends batches of <see cref="CrashEvent"/>s straight to a journal, continuing after its highest entry.</summary>
public sealed class JournalWorkload : ICrashWorkload
{
    private readonly IEventJournal _journal;
    private readonly IAsyncDisposable _store;
    private readonly PersistenceId _persistenceId;
    private readonly int _batchSize;
    private readonly TimeProvider _timeProvider;
    private readonly string _writerId = Guid.NewGuid().ToString("N");
    private long _highest;

    private JournalWorkload(IEventJournal journal, IAsyncDisposable store, PersistenceId persistenceId, int batchSize, TimeProvider timeProvider, long highest)
    {
        _journal = journal;
        _store = store;
        _persistenceId = persistenceId;
        _batchSize = batchSize;
        _timeProvider = timeProvider;
        _highest = highest;
    }

    public static async Task<JournalWorkload> StartAsync(
        IEventJournal journal,
        IAsyncDisposable store,
        PersistenceId persistenceId,
        int batchSize,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var highest = await journal.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);
        return new JournalWorkload(journal, store, persistenceId, batchSize, timeProvider, highest);
    }

    public async Task<long> PersistNextBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new JournalEntry[_batchSize];
        for (var i = 0; i < batch.Length; i++)
        {
            var sequenceNr = _highest + 1 + i;
            batch[i] = CrashEvent.Serializer.ToJournalEntry(
                _persistenceId, sequenceNr, CrashEvent.For(sequenceNr), _timeProvider.GetUtcNow(), _writerId);
        }

        await _journal.AppendAsync(batch, cancellationToken);
        _highest += batch.Length;
        return _highest;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
