namespace AgentMesh.Orchestration.Dedup;

/// <summary>One remembered fingerprint: its hex form, when it was accepted, and the message id it was accepted as.</summary>
public sealed record DedupEntrySnapshot(string Fingerprint, DateTimeOffset AcceptedAt, long MessageId);
