namespace AgentMesh.Persistence.CrashWriter;

/// <summary>
/// What the crash writer drives. Today that is the raw journal (<see cref="JournalWorkload"/>); a
/// persistent actor that persists the same <see cref="CrashEvent"/>s can take its place without
/// changing the program or the tests, which only read "acked" lines and verify the journal.
/// </summary>
public interface ICrashWorkload : IAsyncDisposable
{
    /// <summary>
    /// Persists the next batch of events and returns the highest sequence number that is now
    /// acknowledged, i.e. durable by the store's contract.
    /// </summary>
    Task<long> PersistNextBatchAsync(CancellationToken cancellationToken);
}
