namespace AgentMesh.Persistence.Tests.Sqlite;

public sealed class SqliteEventJournalTests(SqliteTestDirectory directory) : EventJournalSpec, IClassFixture<SqliteTestDirectory>
{
    protected override JournalCapabilities Capabilities =>
        JournalCapabilities.Durable | JournalCapabilities.IndependentWriters;

    protected override Task<StoreUnderTest> OpenAsync() => directory.OpenAsync();
}
