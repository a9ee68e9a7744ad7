namespace AgentMesh.Persistence.Sqlite;

/// <summary>Settings of the embedded SQLite store. Change them with <c>with</c>.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The database file; created, with its directory, when missing. Its <c>-wal</c> and <c>-shm</c> files live beside it.</summary>
    public required string FilePath { get; init; }

    /// <summary>
    /// <see cref="SqliteSynchronous.Full"/> by default, so an acknowledged event survives power loss
    /// too: the welcome-once and suspension facts must not roll back. Group commit keeps the cost low.
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// The most journal entries one group commit writes. A single append larger than this is still
    /// written atomically, in a transaction of its own.
    /// </summary>
    public int MaxBatchEntries { get; init; } = 1000;

    /// <summary>How long a statement waits for another process that holds the file's write lock.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
