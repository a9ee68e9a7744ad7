using AgentMesh.Testing.PostgreSql;

namespace AgentMesh.Persistence.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlEventJournalTests(PostgreSqlServerFixture postgres) : EventJournalSpec
{
    protected override JournalCapabilities Capabilities =>
        JournalCapabilities.Durable | JournalCapabilities.IndependentWriters;

    protected override async Task<StoreUnderTest> OpenAsync() =>
        await PostgreSqlCollection.OpenAsync(await postgres.DatabaseForAsync(GetType(), CancellationToken.None));
}
