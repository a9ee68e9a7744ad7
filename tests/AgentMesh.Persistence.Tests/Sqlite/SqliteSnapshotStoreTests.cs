namespace AgentMesh.Persistence.Tests.Sqlite;

public sealed class SqliteSnapshotStoreTests(SqliteTestDirectory directory) : SnapshotStoreSpec, IClassFixture<SqliteTestDirectory>
{
    protected override Task<StoreUnderTest> OpenAsync() => directory.OpenAsync();
}
