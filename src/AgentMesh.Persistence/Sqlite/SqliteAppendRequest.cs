using Microsoft.Data.Sqlite;

namespace AgentMesh.Persistence.Sqlite;

internal sealed class SqliteAppendRequest(IReadOnlyList<JournalEntry> entries) : SqliteWriteRequest
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE: the (persistence_id, sequence_nr) is taken.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    private const string SelectDeletedMark =
        "SELECT highest_deleted_sequence_nr FROM journal_metadata WHERE persistence_id = $pid";

    private const string Insert = """
        INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
        VALUES ($pid, $seq, $manifest, $payload, $written_at, $writer_id)
        """;

    public override int Weight => entries.Count;

    public override void Execute(SqliteWriter writer)
    {
        var first = entries[0];
        var persistenceId = first.PersistenceId.Value;

        // Deleted entries are gone from the table, so the primary key alone would let a stale writer
        // re-append them; the deletion mark keeps their numbers taken.
        var deletedMark = writer.Command(SelectDeletedMark, "$pid");
        deletedMark.Parameters[0].Value = persistenceId;
        if (deletedMark.ExecuteScalar() is long highestDeleted && highestDeleted >= first.SequenceNr)
        {
            throw new JournalConcurrencyException(first.PersistenceId, first.SequenceNr);
        }

        var insert = writer.Command(Insert, "$pid", "$seq", "$manifest", "$payload", "$written_at", "$writer_id");
        var parameters = insert.Parameters;
        try
        {
            foreach (var entry in entries)
            {
                parameters[0].Value = persistenceId;
                parameters[1].Value = entry.SequenceNr;
                parameters[2].Value = entry.Manifest;
                parameters[3].Value = PayloadBuffer.AsArray(entry.Payload);
                parameters[4].Value = StoredTimestamp.ToUnixMicroseconds(entry.Timestamp);
                parameters[5].Value = entry.WriterId;
                try
                {
                    insert.ExecuteNonQuery();
                }
                catch (SqliteException exception)
                    when (exception.SqliteExtendedErrorCode is PrimaryKeyViolation or UniqueViolation)
                {
                    throw new JournalConcurrencyException(first.PersistenceId, entry.SequenceNr, exception);
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
