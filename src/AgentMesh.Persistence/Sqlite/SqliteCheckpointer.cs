using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentMesh.Persistence.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on a connection of its own, so that the writer
/// never stalls for a checkpoint (SQLite's automatic checkpoint is off on the writer connection).
/// </summary>
/// <remarks>
/// The checkpoints are PASSIVE: they copy what no reader still needs and never wait for, or block,
/// the writer or the readers. Requests coalesce: while one is pending, more are dropped, so a busy
/// writer triggers at most one checkpoint at a time.
/// </remarks>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly string _store;
    private readonly ILogger _logger;
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Task _loop;

    public SqliteCheckpointer(SqliteConnection connection, string store, ILogger logger)
    {
        _connection = connection;
        _checkpoint = connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _store = store;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Asks for a checkpoint soon; returns at once.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop;
        await _checkpoint.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task RunAsync()
    {
        await foreach (var _ in _requests.Reader.ReadAllAsync())
        {
            try
            {
                _checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException exception)
            {
                // The WAL keeps everything until a later checkpoint succeeds; nothing is lost.
                Log.CheckpointFailed(_logger, exception, _store);
            }
        }
    }
}
