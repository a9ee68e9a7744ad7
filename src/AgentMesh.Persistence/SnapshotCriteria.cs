namespace AgentMesh.Persistence;

/// <summary>
/// Selects snapshots whose sequence number is at most <paramref name="MaxSequenceNr"/> and whose
/// timestamp is at most <paramref name="MaxTimestamp"/> (both bounds inclusive).
/// </summary>
public sealed record SnapshotCriteria(long MaxSequenceNr, DateTimeOffset MaxTimestamp)
{
    /// <summary>Every snapshot.</summary>
    public static SnapshotCriteria Any { get; } = new(long.MaxValue, DateTimeOffset.MaxValue);

    /// <summary>Snapshots up to and including <paramref name="maxSequenceNr"/>, whatever their age.</summary>
    public static SnapshotCriteria UpTo(long maxSequenceNr) => new(maxSequenceNr, DateTimeOffset.MaxValue);
}
