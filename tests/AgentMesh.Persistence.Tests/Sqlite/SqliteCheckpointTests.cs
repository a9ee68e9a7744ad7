using AgentMesh.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests.Sqlite;

public sealed class SqliteCheckpointTests(SqliteTestDirectory directory) : IClassFixture<SqliteTestDirectory>
{
    [Fact]
    public async Task Wal_IsWrittenFromItsStartAgain_AfterACheckpointThatLeftFramesBehind()
    {
        await using var wal = await WalScene.OneGroupShortOfACheckpointAsync(directory.FilePath(nameof(Wal_IsWrittenFromItsStartAgain_AfterACheckpointThatLeftFramesBehind)));

        // A reader holding its snapshot keeps the background checkpoint from copying the last group,
        // as the groups a busy writer commits during a checkpoint would.
        await using (await SnapshotReader.OpenAsync(wal.Path, wal.SequenceNr))
        {
            await wal.AppendAsync(); // the group that asks for the checkpoint
            await wal.Checkpointed.WaitAsync(TestTimeout);
        }

        // The writer copies the rest after its next group, so the group after that starts the WAL again.
        await wal.AppendAsync();
        await wal.AppendAsync();

        (await wal.GrowthOverTenAppendsAsync()).Should().Be(0, "appends after a complete checkpoint overwrite the WAL instead of extending it");
        (await wal.Store.Journal.ReplayAllAsync(wal.PersistenceId).WaitAsync(TestTimeout)).Select(entry => entry.SequenceNr)
            .Should().Equal(Enumerable.Range(1, (int)wal.SequenceNr).Select(nr => (long)nr));
    }

    [Fact]
    public async Task TailCopy_HeldBackByAReader_IsTriedAgain_AndTheWalStillStartsAgain()
    {
        await using var wal = await WalScene.OneGroupShortOfACheckpointAsync(directory.FilePath(nameof(TailCopy_HeldBackByAReader_IsTriedAgain_AndTheWalStillStartsAgain)));

        await using (await SnapshotReader.OpenAsync(wal.Path, wal.SequenceNr))
        {
            await wal.AppendAsync(); // asks for the checkpoint, which the reader keeps from finishing
            await wal.Checkpointed.WaitAsync(TestTimeout);
            await wal.AppendAsync(); // the writer tries the tail while the reader still holds the old frames
        }

        // The reader is gone: the next group's tail copy finishes, and the group after it starts the WAL again.
        await wal.AppendAsync();
        await wal.AppendAsync();

        (await wal.GrowthOverTenAppendsAsync()).Should().Be(0, "a tail copy a reader held back is tried again after the next group");
    }

    /// <summary>
    /// A store whose one writer appends one event per group, opened and filled to one group short of
    /// the group that asks for a background checkpoint (<see cref="Checkpointed"/> completes after it).
    /// </summary>
    private sealed class WalScene : IAsyncDisposable
    {
        private WalScene(string path, SqliteStore store)
        {
            Path = path;
            Store = store;
            Checkpointed = store.NextCheckpoint;
        }

        public string Path { get; }

        public SqliteStore Store { get; }

        public Task Checkpointed { get; }

        public PersistenceId PersistenceId { get; } = NewPersistenceId();

        public long SequenceNr { get; private set; }

        public static async Task<WalScene> OneGroupShortOfACheckpointAsync(string path)
        {
            var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None).WaitAsync(TestTimeout);
            var scene = new WalScene(path, store);
            while (scene.SequenceNr < SqliteWriter.GroupsPerCheckpoint - 1)
            {
                await scene.AppendAsync();
            }

            return scene;
        }

        public async Task AppendAsync() =>
            await Store.Journal.AppendAsync([Entry(PersistenceId, ++SequenceNr)], CancellationToken.None).WaitAsync(TestTimeout);

        /// <summary>How many bytes the WAL file grows by while ten more groups are appended.</summary>
        public async Task<long> GrowthOverTenAppendsAsync()
        {
            var before = new FileInfo(Path + "-wal").Length;
            for (var i = 0; i < 10; i++)
            {
                await AppendAsync();
            }

            return new FileInfo(Path + "-wal").Length - before;
        }

        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    /// <summary>Another connection in a read transaction (BEGIN, not BEGIN IMMEDIATE) that has read the journal: it holds its snapshot until disposed.</summary>
    private sealed class SnapshotReader : IAsyncDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;

        private SnapshotReader(SqliteConnection connection, SqliteTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<SnapshotReader> OpenAsync(string path, long expectedEvents)
        {
            var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(CancellationToken.None).WaitAsync(TestTimeout);
            var transaction = connection.BeginTransaction(deferred: true);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM journal";
            (await count.ExecuteScalarAsync(CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(expectedEvents);
            return new SnapshotReader(connection, transaction);
        }

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
