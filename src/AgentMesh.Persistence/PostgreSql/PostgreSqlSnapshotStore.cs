using Npgsql;

namespace AgentMesh.Persistence.PostgreSql;

/// <summary>Snapshots in PostgreSQL; every operation is one statement on a pooled connection.</summary>
internal sealed class PostgreSqlSnapshotStore(NpgsqlDataSource dataSource, string schema) : ISnapshotStore
{
    private readonly string _upsert = $"""
        INSERT INTO {schema}.snapshot (persistence_id, sequence_nr, written_at, manifest, payload)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (persistence_id, sequence_nr) DO UPDATE
        SET written_at = EXCLUDED.written_at, manifest = EXCLUDED.manifest, payload = EXCLUDED.payload
        """;

    private readonly string _selectLatest = $"""
        SELECT sequence_nr, written_at, manifest, payload
        FROM {schema}.snapshot
        WHERE persistence_id = $1 AND sequence_nr <= $2 AND written_at <= $3
        ORDER BY sequence_nr DESC
        LIMIT 1
        """;

    private readonly string _delete = $"""
        DELETE FROM {schema}.snapshot
        WHERE persistence_id = $1 AND sequence_nr <= $2 AND written_at <= $3
        """;

    public async Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var command = dataSource.CreateCommand(_upsert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.PersistenceId.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = StoredTimestamp.Normalize(snapshot.Timestamp).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.Manifest });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = snapshot.Payload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SnapshotEntry?> LoadLatestAsync(
        PersistenceId persistenceId,
        SnapshotCriteria criteria,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var command = dataSource.CreateCommand(_selectLatest);
        AddCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SnapshotEntry(
            persistenceId,
            reader.GetInt64(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetString(2),
            reader.GetFieldValue<byte[]>(3));
    }

    public async Task DeleteAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var command = dataSource.CreateCommand(_delete);
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddCriteria(NpgsqlCommand command, PersistenceId persistenceId, SnapshotCriteria criteria)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxSequenceNr });
        // DateTime.MaxValue is sent as 'infinity', which bounds nothing, as intended.
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = criteria.MaxTimestamp.UtcDateTime });
    }
}
