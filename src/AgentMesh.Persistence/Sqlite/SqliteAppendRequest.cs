using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AgentMesh.Persistence.Sqlite;

internal sealed class SqliteAppendRequest(IReadOnlyList<JournalEntry> entries) : SqliteWriteRequest
{
    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE: the (persistence_id, sequence_nr) is taken.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    // Deleted entries are gone from the table, so the primary key alone would let a stale writer
    // re-append them; the guard keeps numbers at or below the deletion mark taken (no row inserted).
    // Numbered parameters, bound by number below: ?1 persistence id, ?2 sequence number, ?3 manifest,
    // ?4 payload, ?5 written at, ?6 writer id.
    private const string InsertUnlessDeleted = """
        INSERT INTO journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
        SELECT ?1, ?2, ?3, ?4, ?5, ?6
        WHERE NOT EXISTS (
            SELECT 1 FROM journal_metadata
            WHERE persistence_id = ?1 AND highest_deleted_sequence_nr >= ?2)
        """;

    public override int Weight => entries.Count;

    public override void Execute(SqliteWriter writer)
    {
        var persistenceId = entries[0].PersistenceId;
        var database = writer.Database;
        var insert = writer.Statement(InsertUnlessDeleted);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            int rc;
            try
            {
                BindText(insert, 1, persistenceId.Value);
                raw.sqlite3_bind_int64(insert, 2, entry.SequenceNr);
                BindText(insert, 3, entry.Manifest);
                raw.sqlite3_bind_blob(insert, 4, entry.Payload.Span);
                raw.sqlite3_bind_int64(insert, 5, StoredTimestamp.ToUnixMicroseconds(entry.Timestamp));
                BindText(insert, 6, entry.WriterId);
                rc = raw.sqlite3_step(insert);
            }
            finally
            {
                raw.sqlite3_reset(insert);
            }

            if (rc != raw.SQLITE_DONE)
            {
                var extended = raw.sqlite3_extended_errcode(database);
                if (extended is PrimaryKeyViolation or UniqueViolation)
                {
                    throw new JournalConcurrencyException(persistenceId, entry.SequenceNr);
                }

                SqliteException.ThrowExceptionForRC(rc, database);
            }

            if (raw.sqlite3_changes(database) == 0)
            {
                throw new JournalConcurrencyException(persistenceId, entry.SequenceNr);
            }
        }
    }

    /// <summary>Binds UTF-8 text encoded on the stack (SQLite copies it), so short strings allocate nothing.</summary>
    private static void BindText(sqlite3_stmt statement, int index, string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length > 1024)
        {
            raw.sqlite3_bind_text(statement, index, text);
            return;
        }

        Span<byte> utf8 = stackalloc byte[length];
        raw.sqlite3_bind_text(statement, index, utf8[..Encoding.UTF8.GetBytes(text, utf8)]);
    }
}
