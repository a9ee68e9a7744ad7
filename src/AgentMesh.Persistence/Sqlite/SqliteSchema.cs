using AgentMesh.Persistence.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>The SQLite schema, as a list of migrations, and the routine that brings a file up to it.</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "journal, journal metadata and snapshot tables", """
            CREATE TABLE IF NOT EXISTS journal (
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                written_at INTEGER NOT NULL, -- microseconds since the Unix epoch, UTC
                writer_id TEXT NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            CREATE TABLE IF NOT EXISTS journal_metadata (
                persistence_id TEXT NOT NULL PRIMARY KEY,
                highest_deleted_sequence_nr INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS snapshot (
                persistence_id TEXT NOT NULL,
                sequence_nr INTEGER NOT NULL,
                written_at INTEGER NOT NULL, -- microseconds since the Unix epoch, UTC
                manifest TEXT NOT NULL,
                payload BLOB NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            """),
    ];

    public static int SupportedVersion => MigrationPlan.Latest(Migrations);

    /// <summary>
    /// Applies the pending migrations inside one <c>BEGIN IMMEDIATE</c> transaction. Holding the
    /// file's write lock for the whole check-and-apply makes two processes that open the same file at
    /// once take turns: the second one waits (up to the busy timeout) and then finds nothing to do.
    /// </summary>
    /// <exception cref="SchemaVersionException">The file was migrated by newer code.</exception>
    public static void Migrate(SqliteConnection connection, string store, TimeProvider timeProvider, ILogger logger)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS agentmesh_schema_migrations (
                    version INTEGER NOT NULL PRIMARY KEY,
                    description TEXT NOT NULL,
                    applied_at TEXT NOT NULL -- ISO 8601, UTC
                )
                """);
            using var current = connection.CreateCommand();
            current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM agentmesh_schema_migrations";
            var storeVersion = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

            var pending = MigrationPlan.Pending(Migrations, storeVersion, store);
            foreach (var migration in pending)
            {
                Execute(connection, migration.Sql);
                using var record = connection.CreateCommand();
                record.CommandText = """
                    INSERT INTO agentmesh_schema_migrations (version, description, applied_at)
                    VALUES ($version, $description, $applied_at)
                    """;
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$description", migration.Description);
                record.Parameters.AddWithValue("$applied_at", timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            Execute(connection, "COMMIT");
            foreach (var migration in pending)
            {
                Log.MigrationApplied(logger, store, migration.Version, migration.Description);
            }

            Log.SchemaReady(logger, store, SupportedVersion);
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
