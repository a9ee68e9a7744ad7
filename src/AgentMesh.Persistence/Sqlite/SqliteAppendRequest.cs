using Microsoft.Data.Sqlite;

namespace AgentMesh.Persistence.Sqlite;

internal sealed class SqliteAppendRequest(IReadOnlyList<JournalEntry> entries) : SqliteWriteRequest
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE: the (persistence_id, sequence_nr) is taken.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    // Deleted entries are gone from the table, so the primary key alone would let a stale writer
    // re-append them; the guard keeps numbers at or below the deletion mark taken (no row inserted).
    private const string InsertUnlessDeleted = """
        INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
        SELECT $pid, $seq, $manifest, $payload, $written_at, $writer_id
        WHERE NOT EXISTS (
            SELECT 1 FROM journal_metadata
            WHERE persistence_id = $pid AND highest_deleted_sequence_nr >= $seq)
        """;

    public override int Weight => entries.Count;

    public override void Execute(SqliteWriter writer)
    {
        var persistenceId = entries[0].PersistenceId;
        var insert = writer.Command(InsertUnlessDeleted, "$pid", "$seq", "$manifest", "$payload", "$written_at", "$writer_id");
        var parameters = insert.Parameters;
        try
        {
            foreach (var entry in entries)
            {
                parameters[0].Value = persistenceId.Value;
                parameters[1].Value = entry.SequenceNr;
                parameters[2].Value = entry.Manifest;
                parameters[3].Value = PayloadBuffer.AsArray(entry.Payload);
                parameters[4].Value = StoredTimestamp.ToUnixMicroseconds(entry.Timestamp);
                parameters[5].Value = entry.WriterId;
                int inserted;
                try
                {
                    inserted = insert.ExecuteNonQuery();
                }
                catch (SqliteException exception)
                    when (exception.SqliteExtendedErrorCode is PrimaryKeyViolation or UniqueViolation)
                {
                    throw new JournalConcurrencyException(persistenceId, entry.SequenceNr, exception);
                }

                if (inserted == 0)
                {
                    throw new JournalConcurrencyException(persistenceId, entry.SequenceNr);
                }
            }
        }
        finally
        {
            // The payload arrays may belong to the caller; the cached command must not keep them.
            parameters[3].Value = null;
        }
    }
}
