using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on a connection and a thread of its own, so that the
/// writer never stalls for a checkpoint (SQLite's automatic checkpoint is off on the writer
/// connection) and the seconds a large checkpoint may block in fsync never hold a thread-pool thread.
/// </summary>
/// <remarks>
/// <para>The checkpoints are PASSIVE: they copy what no reader still needs and never wait for, or
/// block, the writer or the readers. Requests coalesce: while one is pending, more are dropped.</para>
/// <para>SQLite starts writing the WAL from its beginning again only when a write transaction
/// begins while every frame is copied, which a checkpoint running beside a busy writer never
/// achieves: the writer adds frames meanwhile. Without a restart the WAL grows for as long as the
/// writes go on (hundreds of MB in a benchmark), and every commit then extends the file, which
/// makes its sync write file-system metadata too (commits measured 2-3 times slower). So after
/// each checkpoint the writer is asked to copy the last few frames itself
/// (<see cref="TakeTail"/>), between two groups; its next group then reuses the WAL from the start.</para>
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>
    /// Frames a background checkpoint may leave for the writer: about two groups of a hundred
    /// persistence ids, which the writer copies in about the time of one commit.
    /// </summary>
    private const long TailFrames = 256;

    /// <summary>Passes after which the rest is left to the writer however long it is (a writer outpacing the copy).</summary>
    private const int MaxPasses = 4;

    private readonly SqliteConnection _connection;
    private readonly string _store;
    private readonly ILogger _logger;

    // Released once per pending request; _requested keeps the count at most one.
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Thread _thread;
    private int _requested;
    private int _tailPending;
    private volatile bool _stopping;
    private volatile TaskCompletionSource _checkpointed = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>
    /// True once after each background checkpoint: the writer should now copy the frames written
    /// meanwhile (on its own connection, between groups) so that its next group restarts the WAL.
    /// </summary>
    public bool TakeTail() => Interlocked.Exchange(ref _tailPending, 0) == 1;

    /// <summary>Asks the writer again for the tail copy it could not finish (a reader held old frames).</summary>
    public void RearmTail() => Volatile.Write(ref _tailPending, 1);

    /// <summary>Completes when the next background checkpoint has finished (for tests).</summary>
    internal Task NextCheckpoint => _checkpointed.Task;

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
                // Each pass copies what the writer added during the last one, so the rest shrinks
                // quickly unless the writer outpaces the copying.
                for (var pass = 1; pass <= MaxPasses; pass++)
                {
                    if (CopyFrames(checkpoint) <= TailFrames)
                    {
                        break;
                    }
                }

                var checkpointed = _checkpointed;
                _checkpointed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _tailPending, 1);
                checkpointed.TrySetResult();
            }
            catch (SqliteException exception)
            {
                // The WAL keeps everything until a later checkpoint succeeds; nothing is lost.
                Log.CheckpointFailed(_logger, exception, _store);
            }
        }
    }

    /// <summary>Runs one checkpoint; returns how many frames of the WAL it left uncopied.</summary>
    private static long CopyFrames(SqliteCommand checkpoint)
    {
        // One row: busy (0 or 1), frames in the WAL, frames copied into the database file.
        using var result = checkpoint.ExecuteReader();
        return result.Read() ? result.GetInt64(1) - result.GetInt64(2) : 0;
    }
}
