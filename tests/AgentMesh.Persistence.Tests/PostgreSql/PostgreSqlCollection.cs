using AgentMesh.Testing.PostgreSql;

namespace AgentMesh.Persistence.Tests.PostgreSql;

/// <summary>Every PostgreSQL test class joins this collection, so the assembly starts one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL";

    /// <summary>Opens a store on <paramref name="connectionString"/> and exposes it to the conformance suites.</summary>
    public static async Task<StoreUnderTest> OpenAsync(string connectionString)
    {
        var store = await AgentMesh.Persistence.PostgreSql.PostgreSqlStore.OpenAsync(
            new AgentMesh.Persistence.PostgreSql.PostgreSqlStoreOptions { ConnectionString = connectionString },
            CancellationToken.None);
        var probe = new GroupCommitProbe(store.WriteQueue.Pause, () => store.WriteQueue.Groups);
        return new StoreUnderTest(store.Journal, store.Snapshots, store, probe);
    }
}
