using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AgentMesh.Persistence.Schema;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentMesh.Persistence.PostgreSql;

/// <summary>The PostgreSQL schema, as a list of migrations, and the routine that brings a database up to it.</summary>
internal static partial class PostgreSqlSchema
{
    /// <summary>The SQLSTATE that <c>journal_require_appended</c> raises when a group append met a taken sequence number.</summary>
    public const string AppendConflictSqlState = "AM001";

    // {schema} stands for the quoted schema name.
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "journal, journal metadata and snapshot tables", $$"""
            CREATE TABLE IF NOT EXISTS {schema}.journal (
                persistence_id text NOT NULL,
                sequence_nr bigint NOT NULL,
                manifest text NOT NULL,
                payload bytea NOT NULL,
                written_at timestamptz NOT NULL,
                writer_id text NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            CREATE TABLE IF NOT EXISTS {schema}.journal_metadata (
                persistence_id text NOT NULL PRIMARY KEY,
                highest_deleted_sequence_nr bigint NOT NULL
            );
            CREATE TABLE IF NOT EXISTS {schema}.snapshot (
                persistence_id text NOT NULL,
                sequence_nr bigint NOT NULL,
                written_at timestamptz NOT NULL,
                manifest text NOT NULL,
                payload bytea NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            CREATE OR REPLACE FUNCTION {schema}.journal_require_appended(appended bigint, expected bigint)
            RETURNS bigint LANGUAGE plpgsql AS $body$
            BEGIN
                IF appended <> expected THEN
                    RAISE EXCEPTION 'journal append conflict: % of % entries were new', appended, expected
                        USING ERRCODE = '{{AppendConflictSqlState}}';
                END IF;
                RETURN appended;
            END
            $body$;
            """),
    ];

    public static int SupportedVersion => MigrationPlan.Latest(Migrations);

    /// <summary>Returns the schema name quoted for SQL, or throws when it is not a plain lower-case identifier.</summary>
    public static string Quote(string schemaName)
    {
        if (schemaName is null || !PlainIdentifier().IsMatch(schemaName))
        {
            throw new ArgumentException(
                $"The schema name '{schemaName}' must be 1-63 lower-case letters, digits or underscores, starting with a letter or underscore.",
                nameof(schemaName));
        }

        return $"\"{schemaName}\"";
    }

    /// <summary>
    /// Applies the pending migrations in one transaction that first takes an advisory lock derived
    /// from the schema name. Two nodes starting at once take turns: the second waits for the first
    /// to commit and then finds nothing to do. DDL is transactional in PostgreSQL, so a failed
    /// migration leaves no trace.
    /// </summary>
    /// <exception cref="SchemaVersionException">The schema was migrated by newer code.</exception>
    public static async Task MigrateAsync(
        NpgsqlDataSource dataSource,
        string schemaName,
        string store,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var schema = Quote(schemaName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = AdvisoryLockKey(schemaName) });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS {schema}.agentmesh_schema_migrations (
                version integer NOT NULL PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL
            )
            """, cancellationToken);

        int storeVersion;
        await using (var current = new NpgsqlCommand(
            $"SELECT COALESCE(MAX(version), 0) FROM {schema}.agentmesh_schema_migrations", connection, transaction))
        {
            storeVersion = (int)(await current.ExecuteScalarAsync(cancellationToken))!; // COALESCE never yields NULL
        }

        var pending = MigrationPlan.Pending(Migrations, storeVersion, store);
        foreach (var migration in pending)
        {
            await ExecuteAsync(connection, transaction, migration.Sql.Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken);
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {schema}.agentmesh_schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
                connection,
                transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Description });
            record.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = timeProvider.GetUtcNow().UtcDateTime });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var migration in pending)
        {
            Log.MigrationApplied(logger, store, migration.Version, migration.Description);
        }

        Log.SchemaReady(logger, store, SupportedVersion);
    }

    /// <summary>A stable 64-bit key per schema (string.GetHashCode is randomised per process).</summary>
    private static long AdvisoryLockKey(string schemaName) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("agentmesh.schema:" + schemaName)));

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string sql,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}
