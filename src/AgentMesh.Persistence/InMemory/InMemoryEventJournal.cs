using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AgentMesh.Persistence.InMemory;

/// <summary>
/// A journal in process memory for tests of actors that do not test storage. It keeps the port's
/// semantics exactly (atomic batches, <see cref="JournalConcurrencyException"/>, reserved numbers
/// after deletes, timestamps rounded to the microsecond) but nothing survives the process.
/// </summary>
public sealed class InMemoryEventJournal : IEventJournal
{
    private readonly ConcurrentDictionary<PersistenceId, Stream> _streams = new();

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        JournalBatch.Validate(entries);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var stream = _streams.GetOrAdd(entries[0].PersistenceId, static _ => new Stream());
        lock (stream)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (entry.SequenceNr <= stream.HighestDeleted || stream.Entries.ContainsKey(entry.SequenceNr))
                {
                    return Task.FromException(new JournalConcurrencyException(entry.PersistenceId, entry.SequenceNr));
                }
            }

            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];

                // A copy: the caller may reuse its payload buffer once the append has completed.
                stream.Entries.Add(
                    entry.SequenceNr,
                    entry with { Payload = entry.Payload.ToArray(), Timestamp = StoredTimestamp.Normalize(entry.Timestamp) });
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<long>(cancellationToken);
        }

        if (!_streams.TryGetValue(persistenceId, out var stream))
        {
            return Task.FromResult(0L);
        }

        lock (stream)
        {
            var highestStored = stream.Entries.Count > 0 ? stream.Entries.Keys[^1] : 0;
            return Task.FromResult(Math.Max(highestStored, stream.HighestDeleted));
        }
    }

    public async IAsyncEnumerable<JournalEntry> ReplayAsync(
        PersistenceId persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (max <= 0 || toSequenceNr < fromSequenceNr || !_streams.TryGetValue(persistenceId, out var stream))
        {
            yield break;
        }

        // Like a database read, the enumeration sees the entries committed when it started.
        List<JournalEntry> range;
        lock (stream)
        {
            range = stream.Entries.Values
                .Where(entry => entry.SequenceNr >= fromSequenceNr && entry.SequenceNr <= toSequenceNr)
                .Take(max > int.MaxValue ? int.MaxValue : (int)max)
                .ToList();
        }

        foreach (var entry in range)
        {
            await Task.Yield(); // the consumer runs asynchronously, as it does against a real store
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry with { Payload = entry.Payload.ToArray() };
        }
    }

    public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (!_streams.TryGetValue(persistenceId, out var stream))
        {
            return Task.CompletedTask;
        }

        lock (stream)
        {
            if (stream.Entries.Count == 0)
            {
                return Task.CompletedTask;
            }

            // Deleting past the highest entry must not reserve numbers that were never written.
            var deletedTo = Math.Min(toSequenceNr, stream.Entries.Keys[^1]);
            stream.HighestDeleted = Math.Max(stream.HighestDeleted, deletedTo);
            // One pass, not one RemoveAt(0) per entry (each of which shifts the rest of the list).
            var kept = new SortedList<long, JournalEntry>();
            foreach (var (sequenceNr, entry) in stream.Entries)
            {
                if (sequenceNr > deletedTo)
                {
                    kept.Add(sequenceNr, entry);
                }
            }

            stream.Entries = kept;
        }

        return Task.CompletedTask;
    }

    /// <summary>One persistence id's entries; guarded by locking the instance.</summary>
    private sealed class Stream
    {
        public SortedList<long, JournalEntry> Entries { get; set; } = [];

        public long HighestDeleted { get; set; }
    }
}
