namespace AgentMesh.Persistence;

/// <summary>
/// One event as the journal stores it: opaque bytes plus the manifest that names their type.
/// </summary>
/// <param name="PersistenceId">The entity whose journal this entry belongs to.</param>
/// <param name="SequenceNr">1-based position in that journal; unique per persistence id.</param>
/// <param name="Manifest">The stable name the payload was serialized under (see <c>EventManifestRegistry</c>).</param>
/// <param name="Payload">
/// The serialized event. The journal neither mutates nor keeps this memory beyond the call that
/// receives it; replayed entries carry memory that belongs to the consumer.
/// </param>
/// <param name="Timestamp">
/// When the writer produced the event, read by the caller from its <see cref="TimeProvider"/>.
/// Stores keep it in UTC with microsecond precision; finer ticks and the offset are not kept.
/// </param>
/// <param name="WriterId">The incarnation of the writing actor, for diagnosing two writers.</param>
public sealed record JournalEntry(
    PersistenceId PersistenceId,
    long SequenceNr,
    string Manifest,
    ReadOnlyMemory<byte> Payload,
    DateTimeOffset Timestamp,
    string WriterId);
