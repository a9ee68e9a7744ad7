namespace AgentMesh.Orchestration.Sessions;

/// <summary>The state of a <see cref="SpawnRateLimiter"/>, for persistence: the recent spawn times, oldest first.</summary>
public sealed record SpawnRateLimiterSnapshot(DateTimeOffset[] Spawns);
