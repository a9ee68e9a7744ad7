using AgentMesh.Persistence.GroupCommit;

namespace AgentMesh.Persistence.PostgreSql;

internal sealed class PostgreSqlAppendRequest(IReadOnlyList<JournalEntry> entries) : WriteRequest
{
    public IReadOnlyList<JournalEntry> Entries { get; } = entries;

    public PersistenceId PersistenceId => Entries[0].PersistenceId;

    public long FromSequenceNr => Entries[0].SequenceNr;

    public long ToSequenceNr => Entries[^1].SequenceNr;

    public override int Weight => Entries.Count;
}
