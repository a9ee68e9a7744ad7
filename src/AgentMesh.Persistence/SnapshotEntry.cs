namespace AgentMesh.Persistence;

/// <summary>
/// The serialized state of an entity after the journal entry <paramref name="SequenceNr"/>.
/// </summary>
/// <param name="PersistenceId">The entity the snapshot belongs to.</param>
/// <param name="SequenceNr">The last journal entry the state includes; replay continues after it.</param>
/// <param name="Timestamp">When it was taken, from the caller's <see cref="TimeProvider"/>; stored in UTC to the microsecond.</param>
/// <param name="Manifest">The stable name the state was serialized under.</param>
/// <param name="Payload">The serialized state; the same ownership rules as <see cref="JournalEntry.Payload"/>.</param>
public sealed record SnapshotEntry(
    PersistenceId PersistenceId,
    long SequenceNr,
    DateTimeOffset Timestamp,
    string Manifest,
    ReadOnlyMemory<byte> Payload);
