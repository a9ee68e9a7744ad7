using AgentMesh.Persistence.GroupCommit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// The embedded store: journal and snapshots in one SQLite file in WAL mode, written by a single
/// group-commit writer loop and read through pooled connections. Open it once per file and process.
/// </summary>
public sealed class SqliteStore : IAsyncDisposable
{
    private readonly SqliteWriter _writer;
    private readonly SqliteReadConnections _readers;
    private readonly SqliteEventJournal _journal;
    private readonly SqliteSnapshotStore _snapshots;
    private int _disposed;

    private SqliteStore(SqliteWriter writer, SqliteReadConnections readers)
    {
        _writer = writer;
        _readers = readers;
        Journal = _journal = new SqliteEventJournal(writer, readers);
        Snapshots = _snapshots = new SqliteSnapshotStore(writer, readers);
    }

    /// <summary>The newest schema version this code can migrate a file to.</summary>
    public static int SupportedSchemaVersion => SqliteSchema.SupportedVersion;

    public IEventJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    /// <summary>The writer's queue, for tests and benchmarks that observe or hold group commits.</summary>
    internal GroupCommitQueue<SqliteWriteRequest> WriteQueue => _writer.Queue;

    /// <summary>Completes when the next background WAL checkpoint has finished (for tests).</summary>
    internal Task NextCheckpoint => _writer.NextCheckpoint;

    /// <inheritdoc cref="OpenAsync(SqliteStoreOptions, TimeProvider, ILoggerFactory, CancellationToken)"/>
    public static Task<SqliteStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken) =>
        OpenAsync(options, TimeProvider.System, NullLoggerFactory.Instance, cancellationToken);

    /// <summary>
    /// Opens (creating when missing) the file and migrates its schema to <see cref="SupportedSchemaVersion"/>.
    /// </summary>
    /// <exception cref="SchemaVersionException">The file was migrated by a newer AgentMesh.</exception>
    public static async Task<SqliteStore> OpenAsync(
        SqliteStoreOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FilePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchEntries, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var path = Path.GetFullPath(options.FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a full path always has a directory
        var logger = loggerFactory.CreateLogger<SqliteStore>();
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
            Pooling = false,
        };

        var connection = new SqliteConnection(connectionString.ToString());
        var checkpointConnection = new SqliteConnection(connectionString.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            ConfigureWriter(connection, options.Synchronous, path);
            SqliteSchema.Migrate(connection, path, timeProvider, logger);
            await checkpointConnection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            await checkpointConnection.DisposeAsync();
            throw;
        }

        connectionString.Pooling = true;
        var checkpointer = new SqliteCheckpointer(checkpointConnection, path, logger);
        var writer = new SqliteWriter(connection, checkpointer, options.MaxBatchEntries, path, logger);
        return new SqliteStore(writer, new SqliteReadConnections(connectionString.ToString(), path));
    }

    /// <summary>Commits the writes already queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync();
        await _journal.DisposeAsync();
        await _snapshots.DisposeAsync();
        _readers.Close();
    }

    private static void ConfigureWriter(SqliteConnection connection, SqliteSynchronous synchronous, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for '{path}' (journal_mode is '{mode}').");
        }

        command.CommandText = synchronous switch
        {
            SqliteSynchronous.Full => "PRAGMA synchronous = FULL",
            SqliteSynchronous.Normal => "PRAGMA synchronous = NORMAL",
            _ => throw new ArgumentOutOfRangeException(nameof(synchronous), synchronous, "Unknown synchronous setting."),
        };
        command.ExecuteNonQuery();

        // Checkpoints run on the checkpointer's connection, off the writer's critical path.
        command.CommandText = "PRAGMA wal_autocheckpoint = 0";
        command.ExecuteNonQuery();
    }
}
