namespace AgentMesh.Persistence;

/// <summary>
/// An append hit a sequence number that another writer already appended (or that was deleted):
/// two writers believe they own the same persistence id. Nothing of the failed batch was written.
/// The writer that receives it is stale and must stop; the winner's entries are intact.
/// </summary>
public sealed class JournalConcurrencyException : Exception
{
    public JournalConcurrencyException(PersistenceId persistenceId, long sequenceNr)
        : this(persistenceId, sequenceNr, innerException: null)
    {
    }

    public JournalConcurrencyException(PersistenceId persistenceId, long sequenceNr, Exception? innerException)
        : base(
            $"Sequence number {sequenceNr} of persistence id '{persistenceId}' is already taken: another writer " +
            "appended it first (or it was deleted). Nothing of this batch was written.",
            innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    public PersistenceId PersistenceId { get; }

    /// <summary>The first sequence number of the batch that was found taken.</summary>
    public long SequenceNr { get; }
}
