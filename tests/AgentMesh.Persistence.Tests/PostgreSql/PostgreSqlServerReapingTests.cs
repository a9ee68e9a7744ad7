using System.Diagnostics;
using AgentMesh.Testing.PostgreSql;

namespace AgentMesh.Persistence.Tests.PostgreSql;

/// <summary>
/// The fixture removes clusters left by test processes that died, and only those: a cluster whose
/// owner is alive in another process stays, however many fixtures start meanwhile.
/// </summary>
public sealed class PostgreSqlServerReapingTests
{
    [Fact]
    public async Task OwnerStamp_OfALiveProcess_ReadsTheSameEveryTime()
    {
        using var other = Sleeper();
        var first = PostgreSqlServer.OwnerStamp(other.Id);
        await Task.Delay(50); // Two reads apart in time: the stamp must not drift with the clock.

        PostgreSqlServer.OwnerStamp(other.Id).Should().NotBeNull().And.Be(first);
        PostgreSqlServer.OwnerStamp(Environment.ProcessId).Should().StartWith($"{Environment.ProcessId} ");
    }

    [Fact]
    public async Task StartingAServer_RemovesClustersOfDeadOwners_AndKeepsThoseOfLiveOnes()
    {
        using var sleeper = Sleeper();
        var live = Leftover(PostgreSqlServer.OwnerStamp(sleeper.Id)!);
        var dead = Leftover(DeadProcessStamp());
        try
        {
            await using (await PostgreSqlServer.StartAsync(CancellationToken.None).WaitAsync(TestData.TestTimeout))
            {
            }

            Directory.Exists(dead).Should().BeFalse("its owner is gone");
            Directory.Exists(live).Should().BeTrue("its owner still runs in another process");
        }
        finally
        {
            sleeper.Kill();
            Directory.Delete(live, recursive: true);
        }
    }

    private static Process Sleeper() =>
        Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })
        ?? throw new InvalidOperationException("Could not start sleep.");

    private static string DeadProcessStamp()
    {
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start true.");
        finished.WaitForExit();
        return $"{finished.Id} 1";
    }

    /// <summary>A directory as a fixture leaves it (no cluster inside: reaping tolerates a server that is not running).</summary>
    private static string Leftover(string stamp)
    {
        var directory = Directory.CreateTempSubdirectory("agentmesh-pg-").FullName;
        File.WriteAllText(Path.Combine(directory, "owner"), stamp);
        return directory;
    }
}
