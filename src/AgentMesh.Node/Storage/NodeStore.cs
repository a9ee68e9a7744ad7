using System.Net.Sockets;
using AgentMesh.Node.Configuration;
using AgentMesh.Persistence;
using AgentMesh.Persistence.PostgreSql;
using AgentMesh.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentMesh.Node.Storage;

/// <summary>
/// The node's journal and snapshot store: SQLite or PostgreSQL as configured. A singleton that the
/// node opens at start, before it listens, and disposes after the actor system stopped, which
/// commits every queued write. It is also registered as an actor system extension.
/// </summary>
/// <remarks>
/// <see cref="Journal"/> and <see cref="Snapshots"/> throw <see cref="InvalidOperationException"/>
/// before <see cref="OpenAsync"/> completed; the node opens the store before any actor or request can run.
/// </remarks>
public sealed class NodeStore : IAsyncDisposable
{
    /// <summary>The id whose highest sequence number <see cref="PingAsync"/> reads: a cheap indexed read that touches the store for real.</summary>
    public static readonly PersistenceId PingId = new("agentmesh:node:ping");

    private readonly Func<CancellationToken, Task<StoreBackend>> _open;
    private StoreBackend? _backend;
    private int _disposed;

    /// <param name="description">Names the store in messages: a file path, or a database and host, never a password.</param>
    /// <param name="open">Opens the back end; throws when it cannot (any exception becomes a <see cref="StoreUnavailableException"/>).</param>
    public NodeStore(string description, Func<CancellationToken, Task<StoreBackend>> open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Description = description;
        _open = open ?? throw new ArgumentNullException(nameof(open));
    }

    public string Description { get; }

    public IEventJournal Journal => Backend.Journal;

    public ISnapshotStore Snapshots => Backend.Snapshots;

    public bool IsOpen => Volatile.Read(ref _backend) is not null && !IsDisposed;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    private StoreBackend Backend => Volatile.Read(ref _backend)
        ?? throw new InvalidOperationException($"The store ({Description}) is used before the node opened it.");

    /// <summary>The store the options describe: SQLite in one file, or a PostgreSQL schema.</summary>
    public static NodeStore Create(NodeStoreOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (options.Provider == StoreProvider.Sqlite)
        {
            var path = Path.GetFullPath(options.SqlitePath);
            return new NodeStore($"SQLite file {path}", async cancellationToken =>
            {
                var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, timeProvider, loggerFactory, cancellationToken);
                return new StoreBackend(store.Journal, store.Snapshots, store);
            });
        }

        var connectionString = options.PostgreSqlConnectionString
            ?? throw new ArgumentException("The PostgreSQL store needs a connection string.", nameof(options));
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var description = $"PostgreSQL database '{connection.Database}' on {connection.Host}:{connection.Port}, schema '{options.PostgreSqlSchema}'";
        return new NodeStore(description, async cancellationToken =>
        {
            var storeOptions = new PostgreSqlStoreOptions { ConnectionString = connectionString, SchemaName = options.PostgreSqlSchema };
            var store = await PostgreSqlStore.OpenAsync(storeOptions, timeProvider, loggerFactory, cancellationToken);
            return new StoreBackend(store.Journal, store.Snapshots, store);
        });
    }

    /// <summary>Opens the back end (creating and migrating it when needed).</summary>
    /// <exception cref="StoreUnavailableException">It cannot be opened; the message says why in one line.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (_backend is not null)
        {
            throw new InvalidOperationException($"The store ({Description}) is already open.");
        }

        try
        {
            Volatile.Write(ref _backend, await _open(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw new StoreUnavailableException(Description, Reason(exception), exception);
        }
    }

    /// <summary>Asks the store a real, cheap question; throws when it does not answer.</summary>
    public Task PingAsync(CancellationToken cancellationToken) => Journal.ReadHighestSequenceNrAsync(PingId, cancellationToken);

    /// <summary>Commits the writes already queued, then closes the store. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Volatile.Read(ref _backend)?.Resources is { } resources)
        {
            await resources.DisposeAsync();
        }
    }

    /// <summary>What went wrong, in one line an operator can act on, without credentials.</summary>
    internal static string Reason(Exception exception)
    {
        var reason = exception switch
        {
            SchemaVersionException schema =>
                $"its schema is at version {schema.StoreVersion}, but this AgentMesh knows versions up to {schema.SupportedVersion}; it was migrated by a newer AgentMesh: upgrade this node",
            PostgresException postgres => $"PostgreSQL answered {postgres.SqlState}: {postgres.MessageText}",
            NpgsqlException { InnerException: SocketException socket } npgsql => $"{npgsql.Message.TrimEnd('.')}: {socket.Message}",
            NpgsqlException { InnerException: TimeoutException } => "PostgreSQL did not answer in time",
            SqliteException sqlite => sqlite.Message,
            UnauthorizedAccessException or IOException => exception.Message,
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        return string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
