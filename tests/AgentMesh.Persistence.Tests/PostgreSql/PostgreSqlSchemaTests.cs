using AgentMesh.Persistence.PostgreSql;
using AgentMesh.Testing.PostgreSql;
using Npgsql;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgreSqlServerFixture postgres)
{
    [Fact]
    public async Task Open_MigratesAFreshDatabase_AndReopeningAppliesNothingTwice()
    {
        var database = await postgres.Server.CreateDatabaseAsync("fresh", CancellationToken.None).WaitAsync(TestTimeout);

        await OpenAndCloseAsync(database).WaitAsync(TestTimeout);
        await OpenAndCloseAsync(database).WaitAsync(TestTimeout);

        (await RecordedVersionsAsync(database, "agentmesh").WaitAsync(TestTimeout)).Should().Equal(Enumerable.Range(1, PostgreSqlStore.SupportedSchemaVersion));
    }

    [Fact]
    public async Task Open_ByFourNodesAtOnce_MigratesOnce_AndAllWork()
    {
        var database = await postgres.Server.CreateDatabaseAsync("race", CancellationToken.None).WaitAsync(TestTimeout);

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => OpenAsync(database)))).WaitAsync(TestTimeout);

        var pid = NewPersistenceId();
        for (var i = 0; i < stores.Length; i++)
        {
            await stores[i].Journal.AppendAsync([Entry(pid, i + 1)], CancellationToken.None).WaitAsync(TestTimeout);
        }

        foreach (var store in stores)
        {
            await store.DisposeAsync().AsTask().WaitAsync(TestTimeout);
        }

        (await RecordedVersionsAsync(database, "agentmesh").WaitAsync(TestTimeout)).Should().Equal(Enumerable.Range(1, PostgreSqlStore.SupportedSchemaVersion));
    }

    [Fact]
    public async Task Open_OfASchemaMigratedByNewerCode_IsRefused_NamingBothVersions()
    {
        var database = await postgres.Server.CreateDatabaseAsync("newer", CancellationToken.None).WaitAsync(TestTimeout);
        await OpenAndCloseAsync(database).WaitAsync(TestTimeout);
        var newer = PostgreSqlStore.SupportedSchemaVersion + 1;
        await ExecuteAsync(database, $"INSERT INTO agentmesh.agentmesh_schema_migrations VALUES ({newer}, 'from the future', now())")
            .WaitAsync(TestTimeout);

        var act = () => OpenAsync(database).WaitAsync(TestTimeout);

        (await act.Should().ThrowAsync<SchemaVersionException>())
            .Where(e => e.StoreVersion == newer && e.SupportedVersion == PostgreSqlStore.SupportedSchemaVersion)
            .WithMessage($"*schema 'agentmesh'*version {newer}*up to {PostgreSqlStore.SupportedSchemaVersion}*");
    }

    [Fact]
    public async Task Stores_InTwoSchemasOfOneDatabase_AreIndependent()
    {
        var database = await postgres.Server.CreateDatabaseAsync("schemas", CancellationToken.None).WaitAsync(TestTimeout);
        await using var blue = await OpenAsync(database, "blue").WaitAsync(TestTimeout);
        await using var green = await OpenAsync(database, "green").WaitAsync(TestTimeout);
        var pid = NewPersistenceId();

        await blue.Journal.AppendAsync(Entries(pid, 1, 3), CancellationToken.None).WaitAsync(TestTimeout);
        await green.Journal.AppendAsync([Entry(pid, 1)], CancellationToken.None).WaitAsync(TestTimeout);

        (await blue.Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(3);
        (await green.Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout)).Should().Be(1);
        (await RecordedVersionsAsync(database, "green").WaitAsync(TestTimeout)).Should().Equal(Enumerable.Range(1, PostgreSqlStore.SupportedSchemaVersion));
    }

    [Theory]
    [InlineData("Agent Mesh")]
    [InlineData("public; DROP TABLE x")]
    [InlineData("")]
    public async Task Open_WithASchemaNameThatIsNotAPlainIdentifier_IsRefused(string schemaName)
    {
        var act = () => OpenAsync(postgres.Server.ConnectionString("postgres"), schemaName).WaitAsync(TestTimeout);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private static async Task OpenAndCloseAsync(string connectionString) => await (await OpenAsync(connectionString)).DisposeAsync();

    private static Task<PostgreSqlStore> OpenAsync(string connectionString, string schemaName = "agentmesh") =>
        PostgreSqlStore.OpenAsync(
            new PostgreSqlStoreOptions { ConnectionString = connectionString, SchemaName = schemaName },
            CancellationToken.None);

    private static async Task<List<int>> RecordedVersionsAsync(string connectionString, string schemaName)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT version FROM {schemaName}.agentmesh_schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
