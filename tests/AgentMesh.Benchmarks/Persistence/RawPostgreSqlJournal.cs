using Npgsql;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// Plain Npgsql on the store's database: a prepared single-row INSERT (autocommit), a prepared
/// multi-row <c>INSERT ... SELECT FROM unnest(...)</c> (one implicit transaction), a plain SELECT.
/// </summary>
internal sealed class RawPostgreSqlJournal : IRawJournal
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _insertOne;
    private readonly NpgsqlCommand _insertBatch;
    private readonly NpgsqlCommand _select;

    private RawPostgreSqlJournal(NpgsqlConnection connection, NpgsqlCommand insertOne, NpgsqlCommand insertBatch, NpgsqlCommand select)
    {
        _connection = connection;
        _insertOne = insertOne;
        _insertBatch = insertBatch;
        _select = select;
    }

    public static async Task<RawPostgreSqlJournal> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var written = BenchmarkEvents.Timestamp.UtcDateTime;

        var insertOne = new NpgsqlCommand("""
            INSERT INTO agentmesh.journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, connection);
        insertOne.Parameters.Add(new NpgsqlParameter<string>());
        insertOne.Parameters.Add(new NpgsqlParameter<long>());
        insertOne.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BenchmarkEvents.Manifest });
        insertOne.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = BenchmarkEvents.Payload });
        insertOne.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = written });
        insertOne.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BenchmarkEvents.WriterId });
        await insertOne.PrepareAsync();

        var insertBatch = new NpgsqlCommand("""
            INSERT INTO agentmesh.journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[], $5::timestamptz[], $6::text[])
            """, connection);
        insertBatch.Parameters.Add(new NpgsqlParameter<string[]>());
        insertBatch.Parameters.Add(new NpgsqlParameter<long[]>());
        insertBatch.Parameters.Add(new NpgsqlParameter<string[]>());
        insertBatch.Parameters.Add(new NpgsqlParameter<byte[][]>());
        insertBatch.Parameters.Add(new NpgsqlParameter<DateTime[]>());
        insertBatch.Parameters.Add(new NpgsqlParameter<string[]>());

        var select = new NpgsqlCommand("""
            SELECT sequence_nr, manifest, payload, written_at, writer_id FROM agentmesh.journal
            WHERE persistence_id = $1 ORDER BY sequence_nr
            """, connection);
        select.Parameters.Add(new NpgsqlParameter<string>());
        await select.PrepareAsync();
        return new RawPostgreSqlJournal(connection, insertOne, insertBatch, select);
    }

    public async Task InsertOneAsync(string persistenceId, long sequenceNr)
    {
        _insertOne.Parameters[0].Value = persistenceId;
        _insertOne.Parameters[1].Value = sequenceNr;
        await _insertOne.ExecuteNonQueryAsync();
    }

    public async Task InsertBatchAsync(IReadOnlyList<string> persistenceIds, long sequenceNr)
    {
        var count = persistenceIds.Count;
        _insertBatch.Parameters[0].Value = persistenceIds.ToArray();
        _insertBatch.Parameters[1].Value = Enumerable.Repeat(sequenceNr, count).ToArray();
        _insertBatch.Parameters[2].Value = Enumerable.Repeat(BenchmarkEvents.Manifest, count).ToArray();
        _insertBatch.Parameters[3].Value = Enumerable.Repeat(BenchmarkEvents.Payload, count).ToArray();
        _insertBatch.Parameters[4].Value = Enumerable.Repeat(BenchmarkEvents.Timestamp.UtcDateTime, count).ToArray();
        _insertBatch.Parameters[5].Value = Enumerable.Repeat(BenchmarkEvents.WriterId, count).ToArray();
        await _insertBatch.ExecuteNonQueryAsync();
    }

    public async Task<long> SelectAllAsync(string persistenceId)
    {
        _select.Parameters[0].Value = persistenceId;
        await using var reader = await _select.ExecuteReaderAsync();
        long count = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt64(0);
            _ = reader.GetString(1);
            _ = reader.GetFieldValue<byte[]>(2);
            _ = reader.GetFieldValue<DateTimeOffset>(3);
            _ = reader.GetString(4);
            count++;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _insertOne.DisposeAsync();
        await _insertBatch.DisposeAsync();
        await _select.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
