using AgentMesh.Persistence.GroupCommit;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>A write that the SQLite writer loop executes inside a group transaction.</summary>
internal abstract class SqliteWriteRequest : WriteRequest
{
    /// <summary>
    /// Runs the request's statements on the writer connection, inside a transaction (and, when the
    /// group holds other requests, inside a savepoint of its own). Throwing undoes exactly this
    /// request and fails its caller with the exception; the other requests still commit.
    /// </summary>
    public abstract void Execute(SqliteWriter writer);
}
