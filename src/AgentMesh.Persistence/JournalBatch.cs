namespace AgentMesh.Persistence;

/// <summary>The argument rules every <see cref="IEventJournal.AppendAsync"/> implementation enforces.</summary>
internal static class JournalBatch
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the batch is appendable as one unit.</summary>
    public static void Validate(IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("An append needs at least one entry.", nameof(entries));
        }

        var first = entries[0] ?? throw new ArgumentException("An append's entries must not be null.", nameof(entries));
        if (first.SequenceNr < 1)
        {
            throw new ArgumentException(
                $"Sequence numbers start at 1; got {first.SequenceNr} for '{first.PersistenceId}'.", nameof(entries));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException("An append's entries must not be null.", nameof(entries));
            if (entry.PersistenceId.Value is null || entry.PersistenceId != first.PersistenceId)
            {
                throw new ArgumentException(
                    $"All entries of one append belong to one persistence id; '{entry.PersistenceId}' differs from '{first.PersistenceId}'.",
                    nameof(entries));
            }

            if (entry.SequenceNr != first.SequenceNr + i)
            {
                throw new ArgumentException(
                    $"Sequence numbers of one append are consecutive; expected {first.SequenceNr + i} for '{first.PersistenceId}', got {entry.SequenceNr}.",
                    nameof(entries));
            }

            if (entry.Manifest is null || entry.WriterId is null)
            {
                throw new ArgumentException(
                    $"Entry {entry.SequenceNr} of '{first.PersistenceId}' needs a manifest and a writer id.", nameof(entries));
            }
        }
    }
}
