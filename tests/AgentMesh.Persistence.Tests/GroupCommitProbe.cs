namespace AgentMesh.Persistence.Tests;

/// <summary>Holds a store's writer between groups and counts the groups it committed.</summary>
/// <param name="Pause">Holds the writer before its next group until the handle is disposed.</param>
/// <param name="Groups">How many groups the writer has taken so far.</param>
public sealed record GroupCommitProbe(Func<IDisposable> Pause, Func<long> Groups);
