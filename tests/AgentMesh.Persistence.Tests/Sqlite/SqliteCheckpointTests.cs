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
        var pid = NewPersistenceId();
        var sequenceNr = 0L;
        async Task AppendAsync() =>
            await store.Journal.AppendAsync([Entry(pid, ++sequenceNr)], CancellationToken.None).WaitAsync(TestTimeout);

        // A reader holding its snapshot keeps the background checkpoint from copying the last group,
        // as the groups a busy writer commits during a checkpoint would.
        var checkpointed = store.NextCheckpoint;
        while (sequenceNr < SqliteWriter.GroupsPerCheckpoint - 1)
        {
            await AppendAsync();
        }

        await using (var reader = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await reader.OpenAsync(CancellationToken.None).WaitAsync(TestTimeout);
            using var transaction = reader.BeginTransaction(deferred: true); // BEGIN, not BEGIN IMMEDIATE: a reader
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT count(*) FROM journal";
            (await count.ExecuteScalarAsync(CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(sequenceNr);

            await AppendAsync(); // the group that asks for the checkpoint
            await checkpointed.WaitAsync(TestTimeout);
        }

        // The writer copies the rest after its next group, so the group after that starts the WAL again.
        await AppendAsync();
        await AppendAsync();
        var walLength = new FileInfo(path + "-wal").Length;
        for (var i = 0; i < 10; i++)
        {
            await AppendAsync();
        }

        new FileInfo(path + "-wal").Length.Should().Be(walLength, "appends after a complete checkpoint overwrite the WAL instead of extending it");
        (await store.Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout)).Select(entry => entry.SequenceNr)
            .Should().Equal(Enumerable.Range(1, (int)sequenceNr).Select(nr => (long)nr));
    }
    [Fact]
    public async Task TailCopy_HeldBackByAReader_IsTriedAgain_AndTheWalStillStartsAgain()
    {
        var path = directory.FilePath(nameof(TailCopy_HeldBackByAReader_IsTriedAgain_AndTheWalStillStartsAgain));
        await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None)
            .WaitAsync(TestTimeout);
        var pid = NewPersistenceId();
        var sequenceNr = 0L;
        async Task AppendAsync() =>
            await store.Journal.AppendAsync([Entry(pid, ++sequenceNr)], CancellationToken.None).WaitAsync(TestTimeout);

        var checkpointed = store.NextCheckpoint;
        while (sequenceNr < SqliteWriter.GroupsPerCheckpoint - 1)
        {
            await AppendAsync();
        }

        await using (var reader = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await reader.OpenAsync(CancellationToken.None).WaitAsync(TestTimeout);
            using var transaction = reader.BeginTransaction(deferred: true);
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT count(*) FROM journal";
            (await count.ExecuteScalarAsync(CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(sequenceNr);

            await AppendAsync(); // asks for the checkpoint, which the reader keeps from finishing
            await checkpointed.WaitAsync(TestTimeout);
            await AppendAsync(); // the writer tries the tail while the reader still holds the old frames
        }

        // The reader is gone: the next group's tail copy finishes, and the group after it starts the WAL again.
        await AppendAsync();
        await AppendAsync();
        var walLength = new FileInfo(path + "-wal").Length;
        for (var i = 0; i < 10; i++)
        {
            await AppendAsync();
        }

        new FileInfo(path + "-wal").Length.Should().Be(walLength, "a tail copy a reader held back is tried again after the next group");
    }
}
