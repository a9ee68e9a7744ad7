using AgentMesh.Persistence.GroupCommit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AgentMesh.Persistence.PostgreSql;

/// <summary>
/// The shared store of a cluster: journal and snapshots in one PostgreSQL schema. Every node opens
/// its own instance on the same database; the unique <c>(persistence_id, sequence_nr)</c> keeps
/// each persistence id single-writer across nodes.
/// </summary>
public sealed class PostgreSqlStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlJournalWriter _writer;
    private readonly PostgreSqlEventJournal _journal;
    private readonly PostgreSqlSnapshotStore _snapshots;
    private int _disposed;

    private PostgreSqlStore(NpgsqlDataSource dataSource, PostgreSqlJournalWriter writer, PostgreSqlJournalStatements statements, string schema)
    {
        _dataSource = dataSource;
        _writer = writer;
        Journal = _journal = new PostgreSqlEventJournal(dataSource, statements, writer);
        Snapshots = _snapshots = new PostgreSqlSnapshotStore(dataSource, schema);
    }

    /// <summary>The newest schema version this code can migrate a database to.</summary>
    public static int SupportedSchemaVersion => PostgreSqlSchema.SupportedVersion;

    public IEventJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    /// <summary>The journal writer's queue, for tests and benchmarks that observe or hold group commits.</summary>
    internal GroupCommitQueue<PostgreSqlAppendRequest> WriteQueue => _writer.Queue;

    /// <inheritdoc cref="OpenAsync(PostgreSqlStoreOptions, TimeProvider, ILoggerFactory, CancellationToken)"/>
    public static Task<PostgreSqlStore> OpenAsync(PostgreSqlStoreOptions options, CancellationToken cancellationToken) =>
        OpenAsync(options, TimeProvider.System, NullLoggerFactory.Instance, cancellationToken);

    /// <summary>
    /// Connects, creates the schema when missing and migrates it to <see cref="SupportedSchemaVersion"/>
    /// (safe when several nodes start at once).
    /// </summary>
    /// <exception cref="SchemaVersionException">The schema was migrated by a newer AgentMesh.</exception>
    public static async Task<PostgreSqlStore> OpenAsync(
        PostgreSqlStoreOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WriterConnections, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var schema = PostgreSqlSchema.Quote(options.SchemaName);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        builder.UseLoggerFactory(loggerFactory);
        var dataSource = builder.Build();
        var store = Describe(builder.ConnectionStringBuilder, options.SchemaName);
        var logger = loggerFactory.CreateLogger<PostgreSqlStore>();
        try
        {
            await PostgreSqlSchema.MigrateAsync(dataSource, options.SchemaName, store, timeProvider, logger, cancellationToken);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }

        var statements = new PostgreSqlJournalStatements(schema);
        var writer = new PostgreSqlJournalWriter(dataSource, statements, options, store, logger);
        return new PostgreSqlStore(dataSource, writer, statements, schema);
    }

    /// <summary>Commits the appends already queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync();
        await _journal.DisposeAsync();
        await _snapshots.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    /// <summary>Names the store in messages and logs without its credentials.</summary>
    private static string Describe(NpgsqlConnectionStringBuilder connection, string schemaName) =>
        $"PostgreSQL schema '{schemaName}' of database '{connection.Database}' on {connection.Host}:{connection.Port}";
}
