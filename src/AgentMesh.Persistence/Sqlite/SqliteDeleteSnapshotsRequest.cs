namespace AgentMesh.Persistence.Sqlite;

internal sealed class SqliteDeleteSnapshotsRequest(PersistenceId persistenceId, SnapshotCriteria criteria) : SqliteWriteRequest
{
    private const string Delete = """
        DELETE FROM snapshot
        WHERE persistence_id = $pid AND sequence_nr <= $max_seq AND written_at <= $max_written_at
        """;

    public override int Weight => 1;

    public override void Execute(SqliteWriter writer)
    {
        var command = writer.Command(Delete, "$pid", "$max_seq", "$max_written_at");
        command.Parameters[0].Value = persistenceId.Value;
        command.Parameters[1].Value = criteria.MaxSequenceNr;
        command.Parameters[2].Value = StoredTimestamp.ToUnixMicroseconds(criteria.MaxTimestamp);
        command.ExecuteNonQuery();
    }
}
