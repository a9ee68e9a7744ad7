using AgentMesh.Persistence.GroupCommit;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// The only connection that writes to the file, and the loop that drives it: it takes the pending
/// requests of all callers as one group and commits them in one transaction, so one WAL sync
/// acknowledges the whole group. Each request runs inside its own savepoint, so a request that fails
/// (a sequence-number conflict) is rolled back alone and the others commit.
/// </summary>
/// <remarks>
/// SQLite allows one writer per file at a time anyway; serialising the writes in-process means they
/// never wait on the file lock, and readers (on their own pooled connections) never block them in WAL mode.
/// The connection and the prepared commands are touched only by the loop. The loop has a thread of
/// its own, because it blocks while SQLite executes and syncs a group (typically under a millisecond
/// to a few milliseconds), back to back under load: on the thread pool, that blocked worker made the
/// pool inject threads (3 grew to 12 in the link benchmark), and every idle one spins for work on two
/// cores. Checkpoints, which can take far longer, run elsewhere (<see cref="SqliteCheckpointer"/>).
/// </remarks>
internal sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>
    /// Group commits between background checkpoints. Large groups of many persistence ids touch a
    /// page per id, so this lets the WAL grow to tens of MB before it is copied back, which writes
    /// each hot page once instead of once per thousand WAL pages (SQLite's default). The WAL file
    /// keeps that size and is reused from its start after each checkpoint.
    /// </summary>
    internal const int GroupsPerCheckpoint = 100;

    /// <summary>Groups after which the writer stops retrying an unfinished tail copy until the next checkpoint.</summary>
    private const int MaxTailAttempts = 8;

    private readonly SqliteConnection _connection;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt> _statements = new(StringComparer.Ordinal);
    private readonly string _store;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private int _groupsSinceCheckpoint;

    // Touched only by the writer thread: how many groups in a row found the tail copy unfinished.
    private int _tailAttempts;

    public SqliteWriter(
        SqliteConnection connection,
        SqliteCheckpointer checkpointer,
        int maxBatchEntries,
        string store,
        ILogger logger)
    {
        _connection = connection;
        _checkpointer = checkpointer;
        _store = store;
        _logger = logger;
        Queue = new GroupCommitQueue<SqliteWriteRequest>(maxBatchEntries, store);
        _loop = StartLoop(store);
    }

    public GroupCommitQueue<SqliteWriteRequest> Queue { get; }

    /// <summary>Completes when the next background checkpoint has finished (for tests).</summary>
    internal Task NextCheckpoint => _checkpointer.NextCheckpoint;

    public Task SubmitAsync(SqliteWriteRequest request, CancellationToken cancellationToken) =>
        Queue.EnqueueAsync(request, cancellationToken);

    /// <summary>
    /// The writer connection's command for <paramref name="sql"/>, created with the named parameters
    /// on first use and kept prepared. Only for requests running on the writer loop.
    /// </summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameterNames)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _commands.Add(sql, command);
        }

        return command;
    }

    /// <summary>The writer connection's native handle, for requests that use <see cref="Statement"/>.</summary>
    public sqlite3 Database => _connection.Handle ?? throw new InvalidOperationException("The writer connection is closed.");

    /// <summary>
    /// The writer connection's native prepared statement for <paramref name="sql"/>, prepared on first
    /// use and kept. For the hottest statement only (one row per appended event): binding through
    /// SQLitePCL directly skips Microsoft.Data.Sqlite's per-execution objects (a binder per parameter,
    /// a data reader, boxed values). Only for requests running on the writer loop; reset it after use.
    /// </summary>
    public sqlite3_stmt Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            var rc = raw.sqlite3_prepare_v2(Database, sql, out statement);
            SqliteException.ThrowExceptionForRC(rc, Database);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    public async ValueTask DisposeAsync()
    {
        Queue.Complete();
        await _loop;
        foreach (var statement in _statements.Values)
        {
            statement.Dispose(); // Finalizes it; a connection with live statements does not close.
        }

        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        await _connection.DisposeAsync();
        _checkpointer.Dispose();
    }

    private Task StartLoop(string store)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run();
                stopped.SetResult();
            }
#pragma warning disable CA1031 // The loop's fault is reported to whoever disposes the writer, which awaits it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                stopped.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = $"sqlite-writer {Path.GetFileName(store)}",
        };
        thread.Start();
        return stopped.Task;
    }

    private void Run()
    {
        while (true)
        {
            // Waiting for the next group blocks this thread, which has nothing else to do.
            var group = Queue.TakeGroup();
            if (group.Count == 0)
            {
                return;
            }

            CommitGroup(group);
            if (_checkpointer.TakeTail())
            {
                // A reader still in the old frames keeps the copy from finishing (and the WAL from
                // starting again): try again after the next groups, a few times.
                var attempt = _tailAttempts + 1;
                _tailAttempts = CopyWalTail() || attempt == MaxTailAttempts ? 0 : attempt;
                if (_tailAttempts > 0)
                {
                    _checkpointer.RearmTail();
                }
            }
        }
    }

    /// <summary>
    /// Copies the frames written since the background checkpoint began, so that every frame is in
    /// the database file when the next group begins and SQLite writes the WAL from its start again
    /// instead of extending it (see <see cref="SqliteCheckpointer"/>). The callers of the last group
    /// are already completed, so they are not held by it. True when every frame is copied.
    /// </summary>
    private bool CopyWalTail()
    {
        try
        {
            // One row: busy (0 or 1), frames in the WAL, frames copied into the database file.
            using var result = Command("PRAGMA wal_checkpoint(PASSIVE)").ExecuteReader();
            return result.Read() && result.GetInt64(1) == result.GetInt64(2);
        }
        catch (SqliteException exception)
        {
            // The WAL keeps its frames until a later checkpoint copies them; nothing is lost.
            Log.CheckpointFailed(_logger, exception, _store);
            return false;
        }
    }

    private void CommitGroup(List<SqliteWriteRequest> group)
    {
        // A request's own failure; null for the requests that succeeded inside the transaction.
        var failures = new Exception?[group.Count];
        try
        {
            Execute("BEGIN IMMEDIATE");
            if (group.Count == 1)
            {
                // Alone in the transaction: a failure rolls the whole transaction back, no savepoint needed.
                group[0].Execute(this);
            }
            else if (!TryExecuteAll(group))
            {
                // A request failed (a conflict, rarely anything else): start again with a savepoint
                // around each request, so that only the failing ones fail. Conflicts are rare, so the
                // common group pays no savepoints (two statements per request, about a fifth of the
                // cost of a one-row append).
                TryRollback();
                Execute("BEGIN IMMEDIATE");
                ExecuteEachInASavepoint(group, failures);
            }

            Execute("COMMIT");
            if (++_groupsSinceCheckpoint == GroupsPerCheckpoint)
            {
                _groupsSinceCheckpoint = 0;
                _checkpointer.Request();
            }
        }
        catch (Exception exception)
        {
            // Nothing of the group is committed. A request that failed by itself keeps its own reason.
            TryRollback();
            if (group.Count > 1 || exception is not JournalConcurrencyException)
            {
                Log.GroupCommitFailed(_logger, exception, _store, group.Count);
            }

            for (var i = 0; i < group.Count; i++)
            {
                group[i].Fail(failures[i] ?? exception);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Fail(failure);
            }
            else
            {
                group[i].Succeed();
            }
        }
    }

    /// <summary>Runs every request in the open transaction; false (with the transaction to roll back) at the first failure.</summary>
    private bool TryExecuteAll(List<SqliteWriteRequest> group)
    {
        foreach (var request in group)
        {
            try
            {
                request.Execute(this);
            }
            catch (Exception)
            {
                return false;
            }
        }

        return true;
    }

    private void ExecuteEachInASavepoint(List<SqliteWriteRequest> group, Exception?[] failures)
    {
        for (var i = 0; i < group.Count; i++)
        {
            Execute("SAVEPOINT request");
            try
            {
                group[i].Execute(this);
                Execute("RELEASE request");
            }
            catch (Exception exception)
            {
                // If SQLite already rolled back the whole transaction (a severe I/O error),
                // ROLLBACK TO throws and the outer handler fails the entire group.
                failures[i] = exception;
                Execute("ROLLBACK TO request");
                Execute("RELEASE request");
            }
        }
    }

    private void TryRollback()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back (or never began it): nothing is left to undo.
        }
    }

    private void Execute(string sql) => Command(sql).ExecuteNonQuery();
}
