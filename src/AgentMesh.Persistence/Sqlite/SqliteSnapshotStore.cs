using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// Snapshots in the same SQLite file as the journal, written through the same writer; concurrent
/// loads (entities recovering together) are coalesced, many persistence ids to a statement.
/// </summary>
internal sealed class SqliteSnapshotStore : ISnapshotStore, IAsyncDisposable
{
    /// <summary>
    /// Per request of the JSON array [id, highest sequence number, latest time in µs], its newest
    /// matching snapshot, or one row of NULLs.
    /// </summary>
    private const string SelectLatest = """
        WITH requested AS (
            SELECT CAST(key AS INTEGER) AS i, value ->> 0 AS pid, value ->> 1 AS max_seq, value ->> 2 AS max_written_at
            FROM json_each($requests))
        SELECT r.i, s.sequence_nr, s.written_at, s.manifest, s.payload
        FROM requested r
        LEFT JOIN snapshot s ON s.persistence_id = r.pid AND s.sequence_nr = (
            SELECT MAX(sequence_nr) FROM snapshot
            WHERE persistence_id = r.pid AND sequence_nr <= r.max_seq AND written_at <= r.max_written_at)
        """;

    private readonly SqliteWriter _writer;
    private readonly SqliteReadConnections _readers;
    private readonly CoalescingReader<(PersistenceId PersistenceId, SnapshotCriteria Criteria), SnapshotEntry?> _loads;

    public SqliteSnapshotStore(SqliteWriter writer, SqliteReadConnections readers)
    {
        _writer = writer;
        _readers = readers;
        _loads = new("the SQLite snapshot store", LoadBatchAsync, loops: 2, maxBatch: 256);
    }

    public ValueTask DisposeAsync() => _loads.DisposeAsync();

    public Task SaveAsync(SnapshotEntry snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _writer.SubmitAsync(new SqliteSaveSnapshotRequest(snapshot), cancellationToken);
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
        var json = new ArrayBufferWriter<byte>();
        using (var array = new Utf8JsonWriter(json))
        {
            array.WriteStartArray();
            foreach (var (persistenceId, criteria) in requests)
            {
                array.WriteStartArray();
                array.WriteStringValue(persistenceId.Value);
                array.WriteNumberValue(criteria.MaxSequenceNr);
                array.WriteNumberValue(StoredTimestamp.ToUnixMicroseconds(criteria.MaxTimestamp));
                array.WriteEndArray();
            }

            array.WriteEndArray();
        }

        var found = new SnapshotEntry?[requests.Count];
        await using var connection = await _readers.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectLatest;
        command.Parameters.AddWithValue("$requests", Encoding.UTF8.GetString(json.WrittenSpan));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0); // json_each's key: the request's position
            if (!reader.IsDBNull(1))
            {
                found[index] = new SnapshotEntry(
                    requests[index].PersistenceId,
                    reader.GetInt64(1),
                    StoredTimestamp.FromUnixMicroseconds(reader.GetInt64(2)),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4));
            }
        }

        return found;
    }

    public Task DeleteAsync(PersistenceId persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return _writer.SubmitAsync(new SqliteDeleteSnapshotsRequest(persistenceId, criteria), cancellationToken);
    }
}
