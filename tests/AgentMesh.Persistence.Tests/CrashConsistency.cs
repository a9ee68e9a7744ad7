using AgentMesh.Persistence.CrashWriter;
using static AgentMesh.Persistence.Tests.TestData;

namespace AgentMesh.Persistence.Tests;

/// <summary>The crash-consistency check shared by the durable back ends.</summary>
public static class CrashConsistency
{
    private const int BatchSize = 3;
    private const long AcknowledgedBeforeKill = 300;
    private static readonly TimeSpan WriterTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Lets a child process append batches until it has acknowledged a few hundred events, kills it
    /// with SIGKILL, then reopens the store and checks that every acknowledged event is there,
    /// contiguous from 1, whole batches only, each payload intact.
    /// </summary>
    public static async Task AcknowledgedEventsSurviveAKillAsync(
        CrashWriterOptions store,
        Func<Task<StoreUnderTest>> reopen)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reopen);
        var options = store with { PersistenceId = $"crash-{Guid.NewGuid():N}", BatchSize = BatchSize };
        long acknowledged;
        await using (var writer = CrashWriterProcess.Start(options))
        {
            using var timeout = new CancellationTokenSource(WriterTimeout);
            acknowledged = await writer.WaitForAcknowledgedAsync(AcknowledgedBeforeKill, timeout.Token).WaitAsync(WriterTimeout);
            await writer.KillAsync();
        }

        await using var recovered = await reopen().WaitAsync(TestTimeout);
        var pid = new PersistenceId(options.PersistenceId);
        var highest = await recovered.Journal.ReadHighestSequenceNrAsync(pid, CancellationToken.None).WaitAsync(TestTimeout);
        var entries = await recovered.Journal.ReplayAllAsync(pid).WaitAsync(TestTimeout);

        highest.Should().BeGreaterThanOrEqualTo(acknowledged, "every acknowledged event is durable");
        (highest % BatchSize).Should().Be(0, "a batch is written whole or not at all");
        entries.Select(entry => entry.SequenceNr).Should().Equal(Enumerable.Range(1, (int)highest).Select(n => (long)n));
        foreach (var entry in entries)
        {
            CrashEvent.Verify(entry);
        }
    }
}
