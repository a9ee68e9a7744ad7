using System.Collections.Concurrent;

namespace AgentMesh.Persistence.InMemory;

/// <summary>Snapshots in process memory, with the port's semantics, for tests that do not test storage.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly ConcurrentDictionary<PersistenceId, SortedList<long, SnapshotEntry>> _snapshots = new();

    public Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var stored = snapshot with
        {
            Payload = snapshot.Payload.ToArray(),
            Timestamp = StoredTimestamp.Normalize(snapshot.Timestamp),
        };
        var snapshots = _snapshots.GetOrAdd(snapshot.PersistenceId, static _ => []);
        lock (snapshots)
        {
            snapshots[snapshot.SequenceNr] = stored;
        }

        return Task.CompletedTask;
    }

    public Task<SnapshotEntry?> LoadLatestAsync(
        PersistenceId persistenceId,
        SnapshotCriteria criteria,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<SnapshotEntry?>(cancellationToken);
        }

        if (!_snapshots.TryGetValue(persistenceId, out var snapshots))
        {
            return Task.FromResult<SnapshotEntry?>(null);
        }

        lock (snapshots)
        {
            var latest = snapshots.Values.LastOrDefault(snapshot => Matches(snapshot, criteria));
            return Task.FromResult(latest is null ? null : latest with { Payload = latest.Payload.ToArray() });
        }
    }

    public Task DeleteAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (_snapshots.TryGetValue(persistenceId, out var snapshots))
        {
            lock (snapshots)
            {
                foreach (var snapshot in snapshots.Values.Where(snapshot => Matches(snapshot, criteria)).ToList())
                {
                    snapshots.Remove(snapshot.SequenceNr);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static bool Matches(SnapshotEntry snapshot, SnapshotCriteria criteria) =>
        snapshot.SequenceNr <= criteria.MaxSequenceNr
        && snapshot.Timestamp <= StoredTimestamp.Normalize(criteria.MaxTimestamp);
}
