namespace AgentMesh.Persistence.Sqlite;

internal sealed class SqliteSaveSnapshotRequest(SnapshotEntry snapshot) : SqliteWriteRequest
{
    private const string Upsert = """
        INSERT INTO snapshot (persistence_id, sequence_nr, written_at, manifest, payload)
        VALUES ($pid, $seq, $written_at, $manifest, $payload)
        ON CONFLICT (persistence_id, sequence_nr) DO UPDATE
        SET written_at = excluded.written_at, manifest = excluded.manifest, payload = excluded.payload
        """;

    public override int Weight => 1;

    public override void Execute(SqliteWriter writer)
    {
        var command = writer.Command(Upsert, "$pid", "$seq", "$written_at", "$manifest", "$payload");
        var parameters = command.Parameters;
        parameters[0].Value = snapshot.PersistenceId.Value;
        parameters[1].Value = snapshot.SequenceNr;
        parameters[2].Value = StoredTimestamp.ToUnixMicroseconds(snapshot.Timestamp);
        parameters[3].Value = snapshot.Manifest;
        parameters[4].Value = PayloadBuffer.AsArray(snapshot.Payload);
        try
        {
            command.ExecuteNonQuery();
        }
        finally
        {
            parameters[4].Value = null;
        }
    }
}
