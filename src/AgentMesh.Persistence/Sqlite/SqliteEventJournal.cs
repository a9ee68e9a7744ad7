using System.Runtime.CompilerServices;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// The journal in a SQLite file. Appends and deletes go through the group-commit writer; reads use
/// pooled connections of their own.
/// </summary>
internal sealed class SqliteEventJournal(SqliteWriter writer, SqliteReadConnections readers) : IEventJournal
{
    private const string SelectHighest = """
        SELECT MAX(
            COALESCE((SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = $pid), 0),
            COALESCE((SELECT highest_deleted_sequence_nr FROM journal_metadata WHERE persistence_id = $pid), 0))
        """;

    private const string SelectRange = """
        SELECT sequence_nr, manifest, payload, written_at, writer_id
        FROM journal
        WHERE persistence_id = $pid AND sequence_nr BETWEEN $from AND $to
        ORDER BY sequence_nr
        LIMIT $max
        """;

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        JournalBatch.Validate(entries);
        return writer.SubmitAsync(new SqliteAppendRequest(entries), cancellationToken);
    }

    public async Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken)
    {
        await using var connection = await readers.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectHighest;
        command.Parameters.AddWithValue("$pid", persistenceId.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!; // MAX of two COALESCEs is never NULL
    }

    public async IAsyncEnumerable<JournalEntry> ReplayAsync(
        PersistenceId persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            yield break;
        }

        await using var connection = await readers.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectRange;
        command.Parameters.AddWithValue("$pid", persistenceId.Value);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new JournalEntry(
                persistenceId,
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetFieldValue<byte[]>(2),
                StoredTimestamp.FromUnixMicroseconds(reader.GetInt64(3)),
                reader.GetString(4));
        }
    }

    public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        writer.SubmitAsync(new SqliteDeleteToRequest(persistenceId, toSequenceNr), cancellationToken);
}
