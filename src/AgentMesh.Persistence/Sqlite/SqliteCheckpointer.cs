using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on a connection and a thread of its own, so that the
/// writer never stalls for a checkpoint (SQLite's automatic checkpoint is off on the writer
/// connection) and the seconds a large checkpoint may block in fsync never hold a thread-pool thread.
/// </summary>
/// <remarks>
/// The checkpoints are PASSIVE: they copy what no reader still needs and never wait for, or block,
/// the writer or the readers. Requests coalesce: while one is pending, more are dropped.
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _store;
    private readonly ILogger _logger;

    // Released once per pending request; _requested keeps the count at most one.
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Thread _thread;
    private int _requested;
    private volatile bool _stopping;

    public SqliteCheckpointer(SqliteConnection connection, string store, ILogger logger)
    {
        _connection = connection;
        _store = store;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "agentmesh-sqlite-checkpoint" };
        _thread.Start();
    }

    /// <summary>Asks for a checkpoint soon; returns at once.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Stops the thread after the checkpoint in progress, if any, and closes the connection.</summary>
    public void Dispose()
    {
        _stopping = true;
        Request();
        _thread.Join();
        _connection.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (true)
        {
            _wake.Wait();
            Volatile.Write(ref _requested, 0);
            if (_stopping)
            {
                return;
            }

            try
            {
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException exception)
            {
                // The WAL keeps everything until a later checkpoint succeeds; nothing is lost.
                Log.CheckpointFailed(_logger, exception, _store);
            }
        }
    }
}
