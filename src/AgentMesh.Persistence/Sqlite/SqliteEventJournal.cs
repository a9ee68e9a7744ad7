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

    /// <summary>
    /// The highest sequence number and the first entries up to it, in one statement (so one snapshot
    /// of the file): one row per entry with the highest number beside it, or one row with NULL entry
    /// columns when there is none.
    /// </summary>
    private const string SelectRecoveryStart = """
        WITH highest AS (
            SELECT MAX(
                COALESCE((SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = $pid), 0),
                COALESCE((SELECT highest_deleted_sequence_nr FROM journal_metadata WHERE persistence_id = $pid), 0)) AS nr)
        SELECT highest.nr, e.sequence_nr, e.manifest, e.payload, e.written_at, e.writer_id
        FROM highest
        LEFT JOIN (
            SELECT sequence_nr, manifest, payload, written_at, writer_id
            FROM journal
            WHERE persistence_id = $pid AND sequence_nr >= $from
                AND sequence_nr <= (SELECT nr FROM highest)
            ORDER BY sequence_nr
            LIMIT $max) e
        ORDER BY e.sequence_nr
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

    public async Task<RecoveryStart> ReadRecoveryStartAsync(PersistenceId persistenceId, long fromSequenceNr, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        await using var connection = await readers.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectRecoveryStart;
        command.Parameters.AddWithValue("$pid", persistenceId.Value);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$max", maxEntries);
        var highest = 0L;
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            highest = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                entries.Add(new JournalEntry(
                    persistenceId,
                    reader.GetInt64(1),
                    reader.GetString(2),
                    reader.GetFieldValue<byte[]>(3),
                    StoredTimestamp.FromUnixMicroseconds(reader.GetInt64(4)),
                    reader.GetString(5)));
            }
        }

        return new RecoveryStart(highest, entries);
    }

    public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        writer.SubmitAsync(new SqliteDeleteToRequest(persistenceId, toSequenceNr), cancellationToken);
}
