namespace AgentMesh.Orchestration.Sessions;

/// <summary>The state of a <see cref="CircuitBreaker"/>, for persistence.</summary>
/// <param name="ConsecutiveFailures">Non-retryable failures since the last success or reset.</param>
/// <param name="OpenedAt">When the circuit (last) opened; <see langword="null"/> when closed.</param>
/// <param name="ProbeInFlight">Whether a half-open probe was let through and has no result yet.</param>
public sealed record CircuitBreakerSnapshot(int ConsecutiveFailures, DateTimeOffset? OpenedAt, bool ProbeInFlight);
