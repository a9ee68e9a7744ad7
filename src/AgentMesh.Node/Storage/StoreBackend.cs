using AgentMesh.Persistence;

namespace AgentMesh.Node.Storage;

/// <summary>An opened journal and snapshot store, and what to dispose to flush and close them.</summary>
public sealed record StoreBackend(IEventJournal Journal, ISnapshotStore Snapshots, IAsyncDisposable? Resources);
