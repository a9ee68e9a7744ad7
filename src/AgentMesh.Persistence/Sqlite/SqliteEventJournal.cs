using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// The journal in a SQLite file. Appends and deletes go through the group-commit writer; reads use
/// pooled connections of their own, and the reads that start recoveries are coalesced, many
/// persistence ids to a statement.
/// </summary>
internal sealed class SqliteEventJournal : IEventJournal, IAsyncDisposable
{
    /// <summary>Concurrent recovery reads: SQLite reads run in process, on the machine's cores.</summary>
    private const int RecoveryReaders = 2;

    private const int RecoveryBatch = 256;

    private readonly SqliteWriter _writer;
    private readonly SqliteReadConnections _readers;
    private readonly CoalescingReader<(PersistenceId PersistenceId, long FromSequenceNr, int MaxEntries), RecoveryStart> _recoveryStarts;

    public SqliteEventJournal(SqliteWriter writer, SqliteReadConnections readers)
    {
        _writer = writer;
        _readers = readers;
        _recoveryStarts = new("the SQLite journal", ReadRecoveryStartsAsync, RecoveryReaders, RecoveryBatch);
    }

    public ValueTask DisposeAsync() => _recoveryStarts.DisposeAsync();
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
    /// The starts of many recoveries in one statement (one snapshot of the file). The requests arrive
    /// as a JSON array of [id, first sequence number, limit]; per request, its highest sequence number
    /// (deleted entries included) and its first entries up to that number and its limit, or one row
    /// with NULL entry columns. SQLite has no LATERAL join, so the limit is a row number per request.
    /// </summary>
    private const string SelectRecoveryStarts = """
        WITH requested AS (
            SELECT CAST(key AS INTEGER) AS i, value ->> 0 AS pid, value ->> 1 AS from_nr, value ->> 2 AS max_entries
            FROM json_each($requests)),
        highest AS (
            SELECT r.i, r.pid, r.from_nr, r.max_entries, MAX(
                COALESCE((SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = r.pid), 0),
                COALESCE((SELECT highest_deleted_sequence_nr FROM journal_metadata WHERE persistence_id = r.pid), 0)) AS nr
            FROM requested r),
        entries AS (
            SELECT h.i, j.sequence_nr, j.manifest, j.payload, j.written_at, j.writer_id,
                ROW_NUMBER() OVER (PARTITION BY h.i ORDER BY j.sequence_nr) AS n
            FROM highest h
            JOIN journal j ON j.persistence_id = h.pid AND j.sequence_nr BETWEEN h.from_nr AND h.nr)
        SELECT h.i, h.nr, e.sequence_nr, e.manifest, e.payload, e.written_at, e.writer_id
        FROM highest h
        LEFT JOIN entries e ON e.i = h.i AND e.n <= h.max_entries
        ORDER BY h.i, e.sequence_nr
        """;

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        JournalBatch.Validate(entries);
        return _writer.SubmitAsync(new SqliteAppendRequest(entries), cancellationToken);
    }

    public async Task<long> ReadHighestSequenceNrAsync(PersistenceId persistenceId, CancellationToken cancellationToken)
    {
        await using var connection = await _readers.OpenAsync(cancellationToken);
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

        await using var connection = await _readers.OpenAsync(cancellationToken);
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

    public Task<RecoveryStart> ReadRecoveryStartAsync(PersistenceId persistenceId, long fromSequenceNr, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        return _recoveryStarts.ReadAsync((persistenceId, Math.Max(fromSequenceNr, 1), maxEntries), cancellationToken);
    }

    private async Task<IReadOnlyList<RecoveryStart>> ReadRecoveryStartsAsync(
        IReadOnlyList<(PersistenceId PersistenceId, long FromSequenceNr, int MaxEntries)> requests,
        CancellationToken cancellationToken)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var array = new Utf8JsonWriter(json))
        {
            array.WriteStartArray();
            foreach (var (persistenceId, from, max) in requests)
            {
                array.WriteStartArray();
                array.WriteStringValue(persistenceId.Value);
                array.WriteNumberValue(from);
                array.WriteNumberValue(max);
                array.WriteEndArray();
            }

            array.WriteEndArray();
        }

        var highest = new long[requests.Count];
        var entries = new List<JournalEntry>?[requests.Count];
        await using var connection = await _readers.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectRecoveryStarts;
        command.Parameters.AddWithValue("$requests", Encoding.UTF8.GetString(json.WrittenSpan));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0); // json_each's key: the request's position
            highest[index] = reader.GetInt64(1);
            if (!reader.IsDBNull(2))
            {
                (entries[index] ??= []).Add(new JournalEntry(
                    requests[index].PersistenceId,
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    StoredTimestamp.FromUnixMicroseconds(reader.GetInt64(5)),
                    reader.GetString(6)));
            }
        }

        var starts = new RecoveryStart[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            starts[i] = new RecoveryStart(highest[i], (IReadOnlyList<JournalEntry>?)entries[i] ?? []);
        }

        return starts;
    }

    public Task DeleteToAsync(PersistenceId persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        _writer.SubmitAsync(new SqliteDeleteToRequest(persistenceId, toSequenceNr), cancellationToken);
}
