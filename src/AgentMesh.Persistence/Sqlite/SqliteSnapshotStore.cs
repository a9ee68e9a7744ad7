namespace AgentMesh.Persistence.Sqlite;

/// <summary>Snapshots in the same SQLite file as the journal, written through the same writer.</summary>
internal sealed class SqliteSnapshotStore(SqliteWriter writer, SqliteReadConnections readers) : ISnapshotStore
{
    private const string SelectLatest = """
        SELECT sequence_nr, written_at, manifest, payload
        FROM snapshot
        WHERE persistence_id = $pid AND sequence_nr <= $max_seq AND written_at <= $max_written_at
        ORDER BY sequence_nr DESC
        LIMIT 1
        """;

    public Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return writer.SubmitAsync(new SqliteSaveSnapshotRequest(snapshot), cancellationToken);
    }

    public async Task<SnapshotEntry?> LoadLatestAsync(
        PersistenceId persistenceId,
        SnapshotCriteria criteria,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var connection = await readers.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectLatest;
        command.Parameters.AddWithValue("$pid", persistenceId.Value);
        command.Parameters.AddWithValue("$max_seq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$max_written_at", StoredTimestamp.ToUnixMicroseconds(criteria.MaxTimestamp));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SnapshotEntry(
            persistenceId,
            reader.GetInt64(0),
            StoredTimestamp.FromUnixMicroseconds(reader.GetInt64(1)),
            reader.GetString(2),
            reader.GetFieldValue<byte[]>(3));
    }

    public Task DeleteAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return writer.SubmitAsync(new SqliteDeleteSnapshotsRequest(persistenceId, criteria), cancellationToken);
    }
}
