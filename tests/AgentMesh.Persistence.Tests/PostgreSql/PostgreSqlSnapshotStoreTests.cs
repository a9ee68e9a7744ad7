using AgentMesh.Testing.PostgreSql;

namespace AgentMesh.Persistence.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSnapshotStoreTests(PostgreSqlServerFixture postgres) : SnapshotStoreSpec
{
    protected override async Task<StoreUnderTest> OpenAsync() =>
        await PostgreSqlCollection.OpenAsync(await postgres.DatabaseForAsync(GetType(), CancellationToken.None));
}
