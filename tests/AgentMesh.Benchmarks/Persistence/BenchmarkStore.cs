using AgentMesh.Persistence;
using AgentMesh.Persistence.PostgreSql;
using AgentMesh.Persistence.Sqlite;
using AgentMesh.Testing.PostgreSql;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>
/// A journal and snapshot store on a fresh store for one benchmark process (a SQLite file in a temporary directory,
/// or a database on a throwaway PostgreSQL server started with the test fixture), plus the raw
/// baseline on the same table.
/// </summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    private readonly IAsyncDisposable _store;
    private readonly Func<ValueTask> _cleanUp;

    private BenchmarkStore(IEventJournal journal, ISnapshotStore snapshots, IRawJournal raw, IAsyncDisposable store, Func<long> groups, Func<ValueTask> cleanUp)
    {
        Journal = journal;
        Snapshots = snapshots;
        Raw = raw;
        _store = store;
        Groups = groups;
        _cleanUp = cleanUp;
    }

    public IEventJournal Journal { get; }

    public ISnapshotStore Snapshots { get; }

    public IRawJournal Raw { get; }

    /// <summary>Group commits so far: events per group tells how well group commit batches.</summary>
    public Func<long> Groups { get; }

    public static async Task<BenchmarkStore> OpenAsync(Backend backend, int writerConnections = 1)
    {
        if (backend == Backend.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("agentmesh-bench-");
            var path = Path.Combine(directory.FullName, "journal.db");
            var sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None);
            return new BenchmarkStore(
                sqlite.Journal,
                sqlite.Snapshots,
                new RawSqliteJournal(path, "FULL"),
                sqlite,
                () => sqlite.WriteQueue.Groups,
                () =>
                {
                    directory.Delete(recursive: true);
                    return ValueTask.CompletedTask;
                });
        }

        var server = await PostgreSqlServer.StartAsync(CancellationToken.None);
        var database = await server.CreateDatabaseAsync("bench", CancellationToken.None);
        var postgres = await PostgreSqlStore.OpenAsync(
            new PostgreSqlStoreOptions { ConnectionString = database, WriterConnections = writerConnections },
            CancellationToken.None);
        return new BenchmarkStore(
            postgres.Journal,
            postgres.Snapshots,
            await RawPostgreSqlJournal.OpenAsync(database),
            postgres,
            () => postgres.WriteQueue.Groups,
            server.DisposeAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await Raw.DisposeAsync();
        await _store.DisposeAsync();
        await _cleanUp();
    }
}
