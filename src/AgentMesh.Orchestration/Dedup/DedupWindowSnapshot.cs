namespace AgentMesh.Orchestration.Dedup;

/// <summary>The state of a <see cref="DedupWindow"/>, for persistence.</summary>
/// <param name="Entries">The remembered fingerprints, oldest first.</param>
/// <param name="EvictedEarly">How many fingerprints were forgotten before their cooldown ended.</param>
public sealed record DedupWindowSnapshot(DedupEntrySnapshot[] Entries, long EvictedEarly);
