using AgentMesh.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests.Sqlite;

public sealed class SqliteSchemaTests(SqliteTestDirectory directory) : IClassFixture<SqliteTestDirectory>
{
    [Fact]
    public async Task Open_MigratesANewFile_AndReopeningAppliesNothingTwice()
    {
        var path = directory.FilePath(nameof(Open_MigratesANewFile_AndReopeningAppliesNothingTwice));

        await OpenAndCloseAsync(path).WaitAsync(TestTimeout);
        await OpenAndCloseAsync(path).WaitAsync(TestTimeout);

        RecordedVersions(path).Should().Equal(Enumerable.Range(1, SqliteStore.SupportedSchemaVersion));
        Scalar(path, "PRAGMA journal_mode").Should().Be("wal");
    }

    [Fact]
    public async Task Open_ByTwoStoresAtOnce_MigratesOnce_AndBothWork()
    {
        var path = directory.FilePath(nameof(Open_ByTwoStoresAtOnce_MigratesOnce_AndBothWork));

        var stores = await Task.WhenAll(Task.Run(() => OpenAsync(path)), Task.Run(() => OpenAsync(path))).WaitAsync(TestTimeout);

        var pid = NewPersistenceId();
        await stores[0].Journal.AppendAsync([Entry(pid, 1)], CancellationToken.None).WaitAsync(TestTimeout);
        await stores[1].Journal.AppendAsync([Entry(pid, 2)], CancellationToken.None).WaitAsync(TestTimeout);
        foreach (var store in stores)
        {
            await store.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        }

        RecordedVersions(path).Should().Equal(Enumerable.Range(1, SqliteStore.SupportedSchemaVersion));
    }

    [Fact]
    public async Task Open_OfAFileMigratedByNewerCode_IsRefused_NamingBothVersions()
    {
        var path = directory.FilePath(nameof(Open_OfAFileMigratedByNewerCode_IsRefused_NamingBothVersions));
        await OpenAndCloseAsync(path).WaitAsync(TestTimeout);
        var newer = SqliteStore.SupportedSchemaVersion + 1;
        Execute(path, $"INSERT INTO agentmesh_schema_migrations VALUES ({newer}, 'from the future', '2030-01-01T00:00:00Z')");

        var act = () => OpenAsync(path).WaitAsync(TestTimeout);

        (await act.Should().ThrowAsync<SchemaVersionException>())
            .Where(e => e.StoreVersion == newer && e.SupportedVersion == SqliteStore.SupportedSchemaVersion)
            .WithMessage($"*{path}*version {newer}*up to {SqliteStore.SupportedSchemaVersion}*");
        RecordedVersions(path).Should().EndWith(newer, "a refused open changes nothing");
    }

    private static async Task OpenAndCloseAsync(string path) => await (await OpenAsync(path)).DisposeAsync();

    private static Task<SqliteStore> OpenAsync(string path) =>
        SqliteStore.OpenAsync(new SqliteStoreOptions { FilePath = path }, CancellationToken.None);

    private static List<int> RecordedVersions(string path)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM agentmesh_schema_migrations ORDER BY version";
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}
