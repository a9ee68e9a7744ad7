namespace AgentMesh.Persistence.PostgreSql;

/// <summary>The journal's SQL, with the schema name filled in once.</summary>
internal sealed class PostgreSqlJournalStatements(string schema)
{
    /// <summary>
    /// The common case in one round trip and one implicit transaction: insert the whole group, and
    /// fail the statement (so nothing of it commits) unless every row was new. A stored sequence
    /// number fails it with a unique violation; one at or below a deletion mark leaves its row out,
    /// and the count check then fails it with <see cref="PostgreSqlSchema.AppendConflictSqlState"/>.
    /// $7 is the row count. No <c>ON CONFLICT</c> here: speculative insertion costs about half as
    /// much again per row as a plain insert, and conflicts are rare.
    /// </summary>
    public string AppendGroupOrFail { get; } = $"""
        WITH appended AS (
        {InsertGroup(schema)}
        RETURNING 1)
        SELECT {schema}.journal_require_appended(count(*), $7) FROM appended
        """;

    /// <summary>
    /// A group of one single-entry append (a lone writer): the same insert with the row as plain
    /// parameters, without the arrays, the CTE and the function call. One row
    /// is all-or-nothing by itself, so no count check: no row inserted means the deletion mark
    /// covers its number, and a stored number fails with a unique violation.
    /// </summary>
    public string AppendOne { get; } = $"""
        INSERT INTO {schema}.journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
        SELECT $1, $2, $3, $4, $5, $6
        WHERE NOT EXISTS (
            SELECT 1 FROM {schema}.journal_metadata m
            WHERE m.persistence_id = $1 AND m.highest_deleted_sequence_nr >= $2)
        """;

    /// <summary>After a conflict, inside a transaction: insert what is new and report which rows those were.</summary>
    public string AppendGroupReturningNew { get; } = $"""
        {InsertGroup(schema)}
        ON CONFLICT DO NOTHING
        RETURNING persistence_id, sequence_nr
        """;

    /// <summary>Removes, before commit, the rows of appends that conflicted elsewhere, so each append stays all-or-nothing.</summary>
    public string DeleteRows { get; } = $"""
        DELETE FROM {schema}.journal j
        USING unnest($1::text[], $2::bigint[]) AS d(persistence_id, sequence_nr)
        WHERE j.persistence_id = d.persistence_id AND j.sequence_nr = d.sequence_nr
        """;

    public string SelectHighest { get; } = $"""
        SELECT GREATEST(
            (SELECT max(sequence_nr) FROM {schema}.journal WHERE persistence_id = $1),
            (SELECT highest_deleted_sequence_nr FROM {schema}.journal_metadata WHERE persistence_id = $1),
            0)
        """;

    /// <summary>
    /// The start of recovery for many persistence ids in one statement (one snapshot of the data):
    /// per request ($1 ids, $2 first sequence numbers, $3 entry limits, in request order numbered by
    /// ordinality) its highest sequence number, deleted entries included, and its first entries, up to
    /// its limit, from its first number up to that highest one. A request with no entries answers one row with NULL entry columns.
    /// </summary>
    public string SelectRecoveryStarts { get; } = $"""
        WITH requested AS (
            SELECT r.persistence_id, r.from_nr, r.max_entries, r.i
            FROM unnest($1::text[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS r(persistence_id, from_nr, max_entries, i)),
        highest AS (
            SELECT q.i, q.persistence_id, q.from_nr, q.max_entries, GREATEST(
                (SELECT max(j.sequence_nr) FROM {schema}.journal j WHERE j.persistence_id = q.persistence_id),
                (SELECT m.highest_deleted_sequence_nr FROM {schema}.journal_metadata m WHERE m.persistence_id = q.persistence_id),
                0) AS highest
            FROM requested q)
        SELECT h.i, h.highest, e.sequence_nr, e.manifest, e.payload, e.written_at, e.writer_id
        FROM highest h
        LEFT JOIN LATERAL (
            SELECT j.sequence_nr, j.manifest, j.payload, j.written_at, j.writer_id
            FROM {schema}.journal j
            WHERE j.persistence_id = h.persistence_id AND j.sequence_nr BETWEEN h.from_nr AND h.highest
            ORDER BY j.sequence_nr
            LIMIT h.max_entries) e ON true
        ORDER BY h.i, e.sequence_nr
        """;

    public string SelectRange { get; } = $"""
        SELECT sequence_nr, manifest, payload, written_at, writer_id
        FROM {schema}.journal
        WHERE persistence_id = $1 AND sequence_nr BETWEEN $2 AND $3
        ORDER BY sequence_nr
        LIMIT $4
        """;

    /// <summary>
    /// One statement: record the deletion mark (never past the highest stored entry, never lowering
    /// an earlier mark) and delete the entries up to it.
    /// </summary>
    public string DeleteTo { get; } = $"""
        WITH highest AS (
            -- NULL when nothing is stored (LEAST alone would ignore the NULL and mark $2)
            SELECT CASE WHEN max(sequence_nr) IS NULL THEN NULL ELSE LEAST($2, max(sequence_nr)) END AS deleted_to
            FROM {schema}.journal WHERE persistence_id = $1),
        marked AS (
            INSERT INTO {schema}.journal_metadata (persistence_id, highest_deleted_sequence_nr)
            SELECT $1, deleted_to FROM highest WHERE deleted_to IS NOT NULL
            ON CONFLICT (persistence_id) DO UPDATE
            SET highest_deleted_sequence_nr = GREATEST(
                {schema}.journal_metadata.highest_deleted_sequence_nr, EXCLUDED.highest_deleted_sequence_nr))
        DELETE FROM {schema}.journal
        WHERE persistence_id = $1 AND sequence_nr <= (SELECT deleted_to FROM highest)
        """;

    // The rows of a group arrive as six parallel arrays; a sequence number at or below the
    // persistence id's deletion mark counts as taken, like one that is still stored.
    private static string InsertGroup(string schema) => $"""
        INSERT INTO {schema}.journal (persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
        SELECT e.persistence_id, e.sequence_nr, e.manifest, e.payload, e.written_at, e.writer_id
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bytea[], $5::timestamptz[], $6::text[])
            AS e(persistence_id, sequence_nr, manifest, payload, written_at, writer_id)
        WHERE NOT EXISTS (
            SELECT 1 FROM {schema}.journal_metadata m
            WHERE m.persistence_id = e.persistence_id AND m.highest_deleted_sequence_nr >= e.sequence_nr)
        """;
}
