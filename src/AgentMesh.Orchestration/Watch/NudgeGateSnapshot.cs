namespace AgentMesh.Orchestration.Watch;

/// <summary>The state of a <see cref="NudgeGate"/>, for persistence.</summary>
/// <param name="HighWaterMark">The highest message id nudged or delivered.</param>
/// <param name="ConsecutiveReadFailures">Failed inbox reads in a row.</param>
/// <param name="DegradedNudges">Blind nudges sent in the current run of failures.</param>
/// <param name="NextDegradedNudgeAtFailure">The failure count of the run at which the next blind nudge may go.</param>
public sealed record NudgeGateSnapshot(
    long HighWaterMark,
    int ConsecutiveReadFailures,
    int DegradedNudges,
    int NextDegradedNudgeAtFailure);
