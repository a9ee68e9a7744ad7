using System.Collections.Concurrent;
using AgentMesh.Persistence;

namespace AgentMesh.Benchmarks.Orchestration;

/// <summary>
/// A journal that takes every append at once and keeps only each stream's highest sequence number,
/// so that the guard-path benchmark measures the agent's work (including serializing its events
/// and handing them over) and not where the events are kept: an in-memory journal would hold every
/// event of a burst on the managed heap, which no real store does, and the collector would walk it.
/// Storage costs are measured on their own by the persistence benchmarks. Streams it has taken
/// appends for cannot be replayed; the benchmark's actors never restart.
/// </summary>
internal sealed class CountingJournal : IEventJournal
{
    private readonly ConcurrentDictionary<PersistenceId, long> _highest = new();
    private long _appends;

    /// <summary>Appends taken so far: entries per append tells how well an actor's writes coalesce.</summary>
    public long Appends => Interlocked.Read(ref _appends);

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var last = entries[^1];
        var expected = _highest.GetValueOrDefault(last.PersistenceId) + 1;
        if (entries[0].SequenceNr != expected)
        {
            return Task.FromException(new JournalConcurrencyException(last.PersistenceId, entries[0].SequenceNr));
        }

        _highest[last.PersistenceId] = last.SequenceNr;
        Interlocked.Increment(ref _appends);
        return Task.CompletedTask;
    }

    public Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken) =>
        Task.FromResult(_highest.GetValueOrDefault(persistenceId));

    public async IAsyncEnumerable<JournalEntry> ReplayAsync(
        PersistenceId persistenceId, long fromSequenceNr, long toSequenceNr, long max, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        if (_highest.GetValueOrDefault(persistenceId) >= fromSequenceNr && toSequenceNr >= fromSequenceNr && max > 0)
        {
            throw new NotSupportedException($"The benchmark's journal keeps no events; {persistenceId} cannot be replayed.");
        }

        yield break;
    }

    public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) => Task.CompletedTask;
}
