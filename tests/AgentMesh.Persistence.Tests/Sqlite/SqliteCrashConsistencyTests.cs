using AgentMesh.Persistence.CrashWriter;

namespace AgentMesh.Persistence.Tests.Sqlite;

public sealed class SqliteCrashConsistencyTests(SqliteTestDirectory directory) : IClassFixture<SqliteTestDirectory>
{
    [Fact]
    public Task AcknowledgedEvents_SurviveAKilledWriter_Intact() =>
        CrashConsistency.AcknowledgedEventsSurviveAKillAsync(
            new CrashWriterOptions { Store = "sqlite", Path = directory.FilePath("crash") },
            () => directory.OpenAsync("crash"));
}
