using AgentMesh.Node.Storage;
using AgentMesh.Persistence;
using AgentMesh.Persistence.InMemory;

namespace AgentMesh.Node.Tests.Http;

/// <summary>A store whose answers a test controls: it answers, hangs until cancelled, or fails.</summary>
internal sealed class ControlledJournal : IEventJournal
{
    private readonly InMemoryEventJournal _inner = new();

    /// <summary>Null: answer. An exception: throw it. <see cref="Hang"/>: wait until cancelled.</summary>
    public Exception? Failure { get; set; }

    public static Exception Hang { get; } = new TimeoutException("hang");

    public static NodeStore Store(ControlledJournal journal) =>
        new("controlled store", _ => Task.FromResult(new StoreBackend(journal, new InMemorySnapshotStore(), null)));

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken) => _inner.AppendAsync(entries, cancellationToken);

    public async Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken)
    {
        if (Failure == Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        else if (Failure is not null)
        {
            throw Failure;
        }

        return await _inner.ReadHighestSequenceNrAsync(persistenceId, cancellationToken);
    }

    public IAsyncEnumerable<JournalEntry> ReplayAsync(PersistenceId persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken cancellationToken) =>
        _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, cancellationToken);

    public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        _inner.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);
}
