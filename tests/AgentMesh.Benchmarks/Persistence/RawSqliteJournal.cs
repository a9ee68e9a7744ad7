using Microsoft.Data.Sqlite;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// Plain Microsoft.Data.Sqlite on the store's file, with the same <c>synchronous</c> setting as
/// the store's writer and SQLite's defaults otherwise.
/// </summary>
internal sealed class RawSqliteJournal : IRawJournal
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _select;

    public RawSqliteJournal(string path, string synchronous)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA synchronous = {synchronous}";
            pragma.ExecuteNonQuery();
        }

        _begin = Command("BEGIN IMMEDIATE");
        _commit = Command("COMMIT");
        _insert = Command("""
            INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
            VALUES ($pid, $seq, $manifest, $payload, 0, $writer)
            """);
        _insert.Parameters.Add("$pid", SqliteType.Text);
        _insert.Parameters.Add("$seq", SqliteType.Integer);
        _insert.Parameters.AddWithValue("$manifest", BenchmarkEvents.Manifest);
        _insert.Parameters.AddWithValue("$payload", BenchmarkEvents.Payload);
        _insert.Parameters.AddWithValue("$writer", BenchmarkEvents.WriterId);
        _select = Command("""
            SELECT sequence_nr, manifest, payload, written_at, writer_id FROM journal
            WHERE persistence_id = $pid ORDER BY sequence_nr
            """);
        _select.Parameters.Add("$pid", SqliteType.Text);
    }

    public Task InsertOneAsync(string persistenceId, long sequenceNr)
    {
        _begin.ExecuteNonQuery();
        Insert(persistenceId, sequenceNr);
        _commit.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task InsertBatchAsync(IReadOnlyList<string> persistenceIds, long sequenceNr)
    {
        _begin.ExecuteNonQuery();
        foreach (var persistenceId in persistenceIds)
        {
            Insert(persistenceId, sequenceNr);
        }

        _commit.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<long> SelectAllAsync(string persistenceId)
    {
        _select.Parameters[0].Value = persistenceId;
        using var reader = _select.ExecuteReader();
        long count = 0;
        while (reader.Read())
        {
            // Materialise the row as the journal does, so that both pay for the same copies.
            _ = reader.GetInt64(0);
            _ = reader.GetString(1);
            _ = reader.GetFieldValue<byte[]>(2);
            _ = reader.GetInt64(3);
            _ = reader.GetString(4);
            count++;
        }

        return Task.FromResult(count);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _begin, _commit, _insert, _select })
        {
            command.Dispose();
        }

        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Insert(string persistenceId, long sequenceNr)
    {
        _insert.Parameters[0].Value = persistenceId;
        _insert.Parameters[1].Value = sequenceNr;
        _insert.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
