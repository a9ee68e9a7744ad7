namespace AgentMesh.Orchestration.Links;

/// <summary>The state of a <see cref="FlapDetector"/>, for persistence.</summary>
/// <param name="RecentTransitions">The times of the latest transitions, oldest first; at most the policy's count matter.</param>
/// <param name="LastTransition">The latest transition's direction, or <see langword="null"/> before the first.</param>
/// <param name="IsFlapping">Whether the agent was flapping.</param>
public sealed record FlapDetectorSnapshot(
    DateTimeOffset[] RecentTransitions,
    LinkTransition? LastTransition,
    bool IsFlapping);
