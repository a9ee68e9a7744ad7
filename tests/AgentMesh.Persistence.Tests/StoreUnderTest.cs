namespace AgentMesh.Persistence.Tests;

/// <summary>A back end opened for one test: its ports, what owns them, and what the suites may observe.</summary>
/// <param name="Journal">The journal port.</param>
/// <param name="Snapshots">The snapshot port.</param>
/// <param name="Owner">Disposed at the end of the test (the store); null when nothing needs closing.</param>
/// <param name="GroupCommit">The writer's group-commit probe; null for back ends without group commit.</param>
public sealed record StoreUnderTest(
    IEventJournal Journal,
    ISnapshotStore Snapshots,
    IAsyncDisposable? Owner = null,
    GroupCommitProbe? GroupCommit = null) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
