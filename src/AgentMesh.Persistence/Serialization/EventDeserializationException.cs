namespace AgentMesh.Persistence.Serialization;

/// <summary>
/// A stored entry cannot be turned back into an event: its manifest is unknown to this code, or its
/// payload is not valid for the registered type. Recovery must stop here rather than skip the entry,
/// which would silently rebuild the wrong state.
/// </summary>
public sealed class EventDeserializationException : Exception
{
    public EventDeserializationException(
        PersistenceId persistenceId,
        long sequenceNr,
        string manifest,
        string reason,
        Exception? innerException = null)
        : base(
            $"Entry {sequenceNr} of persistence id '{persistenceId}' (manifest '{manifest}') cannot be deserialized: {reason}",
            innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Manifest = manifest;
    }

    public PersistenceId PersistenceId { get; }

    public long SequenceNr { get; }

    public string Manifest { get; }
}
