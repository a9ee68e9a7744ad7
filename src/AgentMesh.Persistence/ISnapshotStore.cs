namespace AgentMesh.Persistence;

/// <summary>
/// Keeps snapshots of entity state so that recovery replays only the journal entries after them.
/// </summary>
/// <remarks>
/// A snapshot is an optimisation, never the only copy of a fact: losing one costs a longer replay.
/// Each <c>(persistence id, sequence number)</c> holds at most one snapshot. Completed saves and
/// deletes are durable like journal appends. All members may be called concurrently.
/// </remarks>
public interface ISnapshotStore
{
    /// <summary>
    /// Saves <paramref name="snapshot"/>, atomically replacing one saved earlier at the same
    /// persistence id and sequence number. The caller must not change the payload memory until the
    /// returned task completes; the store keeps no reference to it afterwards.
    /// </summary>
    Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the snapshot with the highest sequence number that matches <paramref name="criteria"/>,
    /// or <see langword="null"/> when none does. The payload belongs to the caller.
    /// </summary>
    Task<SnapshotEntry?> LoadLatestAsync(
        PersistenceId persistenceId,
        SnapshotCriteria criteria,
        CancellationToken cancellationToken);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> that matches <paramref name="criteria"/>.</summary>
    Task DeleteAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken);
}
