using AgentMesh.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests.Sqlite;

public sealed class SqliteCheckpointTests(SqliteTestDirectory directory) : IClassFixture<SqliteTestDirectory>
{
    [Fact]
    public async Task Wal_IsWrittenFromItsStartAgain_AfterACheckpointThatLeftFramesBehind()
    {
        var path = directory.FilePath(nameof(Wal_IsWrittenFromItsStartAgain_AfterACheckpointThatLeftFramesBehind));
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None)
            .WaitAsync(TestTimeout);
        var journal = new OneWriter(store);
        var checkpointed = store.NextCheckpoint;
        await journal.AppendUntilAsync(SqliteWriter.GroupsPerCheckpoint - 1);

        // A reader holding its snapshot keeps the background checkpoint from copying the last group,
        // as the groups a busy writer commits during a checkpoint would.
        await using (await SnapshotReader.OpenAsync(path, journal.SequenceNr))
        {
            await journal.AppendAsync(); // the group that asks for the checkpoint
            await checkpointed.WaitAsync(TestTimeout);
        }

        // The writer copies the rest after its next group, so the group after that starts the WAL again.
        await journal.AppendAsync();
        await journal.AppendAsync();

        (await WalGrowthOverTenAppendsAsync(path, journal)).Should().Be(0, "appends after a complete checkpoint overwrite the WAL instead of extending it");
        (await store.Journal.ReplayAllAsync(journal.PersistenceId).WaitAsync(TestTimeout)).Select(entry => entry.SequenceNr)
            .Should().Equal(Enumerable.Range(1, (int)journal.SequenceNr).Select(nr => (long)nr));
    }

    [Fact]
    public async Task TailCopy_HeldBackByAReader_IsTriedAgain_AndTheWalStillStartsAgain()
    {
        var path = directory.FilePath(nameof(TailCopy_HeldBackByAReader_IsTriedAgain_AndTheWalStillStartsAgain));
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None)
            .WaitAsync(TestTimeout);
        var journal = new OneWriter(store);
        var checkpointed = store.NextCheckpoint;
        await journal.AppendUntilAsync(SqliteWriter.GroupsPerCheckpoint - 1);

        await using (await SnapshotReader.OpenAsync(path, journal.SequenceNr))
        {
            await journal.AppendAsync(); // asks for the checkpoint, which the reader keeps from finishing
            await checkpointed.WaitAsync(TestTimeout);
            await journal.AppendAsync(); // the writer tries the tail while the reader still holds the old frames
        }

        // The reader is gone: the next group's tail copy finishes, and the group after it starts the WAL again.
        await journal.AppendAsync();
        await journal.AppendAsync();

        (await WalGrowthOverTenAppendsAsync(path, journal)).Should().Be(0, "a tail copy a reader held back is tried again after the next group");
    }

    /// <summary>How many bytes the WAL file grows by while ten more groups are appended.</summary>
    private static async Task<long> WalGrowthOverTenAppendsAsync(string path, OneWriter journal)
    {
        var before = new FileInfo(path + "-wal").Length;
        for (var i = 0; i < 10; i++)
        {
            await journal.AppendAsync();
        }

        return new FileInfo(path + "-wal").Length - before;
    }

    /// <summary>One persistence id, one event per append: one group per append.</summary>
    private sealed class OneWriter(SqliteStore store)
    {
        public PersistenceId PersistenceId { get; } = NewPersistenceId();

        public long SequenceNr { get; private set; }

        public async Task AppendAsync() =>
            await store.Journal.AppendAsync([Entry(PersistenceId, ++SequenceNr)], CancellationToken.None).WaitAsync(TestTimeout);

        public async Task AppendUntilAsync(long sequenceNr)
        {
            while (SequenceNr < sequenceNr)
            {
                await AppendAsync();
            }
        }
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
