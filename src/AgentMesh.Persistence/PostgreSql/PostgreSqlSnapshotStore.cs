using Npgsql;

namespace AgentMesh.Persistence.PostgreSql;

/// <summary>
/// Snapshots in PostgreSQL; every operation is one statement on a pooled connection, and concurrent
/// loads (entities recovering together) are coalesced, many persistence ids to a statement.
/// </summary>
internal sealed class PostgreSqlSnapshotStore : ISnapshotStore, IAsyncDisposable
{
    private const int Readers = 4;
    private const int Batch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly CoalescingReader<(PersistenceId PersistenceId, SnapshotCriteria Criteria), SnapshotEntry?> _loads;

    public PostgreSqlSnapshotStore(NpgsqlDataSource dataSource, string schema)
    {
        _dataSource = dataSource;
        _upsert = $"""
            INSERT INTO {schema}.snapshot (persistence_id, sequence_nr, written_at, manifest, payload)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE
            SET written_at = EXCLUDED.written_at, manifest = EXCLUDED.manifest, payload = EXCLUDED.payload
            """;

        // Per request ($1 ids, $2 highest sequence numbers, $3 latest times; numbered by ordinality)
        // its newest matching snapshot, or one row of NULLs.
        _selectLatest = $"""
            SELECT r.i, s.sequence_nr, s.written_at, s.manifest, s.payload
            FROM unnest($1::text[], $2::bigint[], $3::timestamptz[]) WITH ORDINALITY AS r(persistence_id, max_nr, max_at, i)
            LEFT JOIN LATERAL (
                SELECT sequence_nr, written_at, manifest, payload
                FROM {schema}.snapshot
                WHERE persistence_id = r.persistence_id AND sequence_nr <= r.max_nr AND written_at <= r.max_at
                ORDER BY sequence_nr DESC
                LIMIT 1) s ON true
            """;

        _delete = $"""
            DELETE FROM {schema}.snapshot
            WHERE persistence_id = $1 AND sequence_nr <= $2 AND written_at <= $3
            """;
        _loads = new("the PostgreSQL snapshot store", LoadBatchAsync, Readers, Batch);
    }

    public ValueTask DisposeAsync() => _loads.DisposeAsync();

    private readonly string _upsert;
    private readonly string _selectLatest;
    private readonly string _delete;

    public async Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var command = _dataSource.CreateCommand(_upsert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.PersistenceId.Value });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = snapshot.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = StoredTimestamp.Normalize(snapshot.Timestamp).UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshot.Manifest });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = snapshot.Payload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<SnapshotEntry?> LoadLatestAsync(
        PersistenceId persistenceId,
        SnapshotCriteria criteria,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return _loads.ReadAsync((persistenceId, criteria), cancellationToken);
    }

    private async Task<IReadOnlyList<SnapshotEntry?>> LoadBatchAsync(
        IReadOnlyList<(PersistenceId PersistenceId, SnapshotCriteria Criteria)> requests,
        CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_selectLatest);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. requests.Select(r => r.PersistenceId.Value)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. requests.Select(r => r.Criteria.MaxSequenceNr)] });
        // DateTime.MaxValue is sent as 'infinity', which bounds nothing, as intended.
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. requests.Select(r => r.Criteria.MaxTimestamp.UtcDateTime)] });
        var found = new SnapshotEntry?[requests.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0) - 1; // ordinality counts from 1
            if (!reader.IsDBNull(1))
            {
                found[index] = new SnapshotEntry(
                    requests[index].PersistenceId,
                    reader.GetInt64(1),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4));
            }
        }

        return found;
    }

    public async Task DeleteAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var command = _dataSource.CreateCommand(_delete);
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
