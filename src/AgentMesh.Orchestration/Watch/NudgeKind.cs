namespace AgentMesh.Orchestration.Watch;

public enum NudgeKind
{
    /// <summary>Nothing newer than the high-water mark: no nudge, no model call.</summary>
    None,

    /// <summary>Messages newer than the mark exist: nudge with <see cref="NudgeDecision.PendingUpTo"/>.</summary>
    Nudge,

    /// <summary>
    /// The inbox could not be read: a blind nudge, bounded by back-off, that says "look at your
    /// inbox" without a newest id (<see cref="NudgeDecision.PendingUpTo"/> is <see langword="null"/>).
    /// </summary>
    DegradedNudge,
}
