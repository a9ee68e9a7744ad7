namespace AgentMesh.Orchestration.Watch;

/// <summary>What one watch tick should do.</summary>
/// <param name="Kind">Whether to nudge, and how.</param>
/// <param name="PendingUpTo">The newest message id to announce, for <see cref="NudgeKind.Nudge"/>.</param>
/// <param name="RaiseAlert">
/// True exactly once per run of failed reads: on the failure that reaches the policy's alert count.
/// </param>
/// <param name="ConsecutiveFailures">Failed reads in a row, including this one; 0 after a successful read.</param>
public readonly record struct NudgeDecision(NudgeKind Kind, long? PendingUpTo, bool RaiseAlert, int ConsecutiveFailures)
{
    public static NudgeDecision None { get; } = new(NudgeKind.None, null, false, 0);
}
