using AgentMesh.Persistence.CrashWriter;
using AgentMesh.Testing.PostgreSql;

namespace AgentMesh.Persistence.Tests.PostgreSql;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlCrashConsistencyTests(PostgreSqlServerFixture postgres)
{
    [Fact]
    public async Task AcknowledgedEvents_SurviveAKilledWriter_Intact()
    {
        var database = await postgres.DatabaseForAsync(GetType(), CancellationToken.None).WaitAsync(TestData.TestTimeout);

        await CrashConsistency.AcknowledgedEventsSurviveAKillAsync(
            new CrashWriterOptions { Store = "postgresql", ConnectionString = database },
            () => PostgreSqlCollection.OpenAsync(database));
    }
}
