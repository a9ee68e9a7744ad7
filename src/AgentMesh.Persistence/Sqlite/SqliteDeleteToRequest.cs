namespace AgentMesh.Persistence.Sqlite;

internal sealed class SqliteDeleteToRequest(PersistenceId persistenceId, long toSequenceNr) : SqliteWriteRequest
{
    private const string SelectHighestStored =
        "SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = $pid";

    private const string RecordDeletedMark = """
        INSERT INTO journal_metadata (persistence_id, highest_deleted_sequence_nr) VALUES ($pid, $seq)
        ON CONFLICT (persistence_id) DO UPDATE
        SET highest_deleted_sequence_nr = MAX(highest_deleted_sequence_nr, excluded.highest_deleted_sequence_nr)
        """;

    private const string DeleteEntries =
        "DELETE FROM journal WHERE persistence_id = $pid AND sequence_nr <= $seq";

    public override int Weight => 1;

    public override void Execute(SqliteWriter writer)
    {
        var highestStored = writer.Command(SelectHighestStored, "$pid");
        highestStored.Parameters[0].Value = persistenceId.Value;
        if (highestStored.ExecuteScalar() is not long highest)
        {
            return;
        }

        // Deleting past the highest entry must not reserve numbers that were never written.
        var deletedTo = Math.Min(toSequenceNr, highest);
        foreach (var sql in (ReadOnlySpan<string>)[RecordDeletedMark, DeleteEntries])
        {
            var command = writer.Command(sql, "$pid", "$seq");
            command.Parameters[0].Value = persistenceId.Value;
            command.Parameters[1].Value = deletedTo;
            command.ExecuteNonQuery();
        }
    }
}
