namespace AgentMesh.Persistence.Sqlite;

/// <summary>The SQLite <c>synchronous</c> setting of the writer connection (the store always runs in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The WAL is synced at checkpoints only. An acknowledged write survives a crash of the process,
    /// but a power loss or OS crash may roll back the last acknowledged transactions (never corrupt the file).
    /// </summary>
    Normal,

    /// <summary>
    /// The WAL is synced at every commit. An acknowledged write survives a crash of the process and,
    /// on a disk that honours fsync, a power loss. Group commit shares one sync among all callers of a group.
    /// </summary>
    Full,
}
