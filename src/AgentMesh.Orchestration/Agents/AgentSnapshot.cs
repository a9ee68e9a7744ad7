using AgentMesh.Orchestration.Dedup;
using AgentMesh.Orchestration.Sessions;
using AgentMesh.Orchestration.Watch;

namespace AgentMesh.Orchestration.Agents;

/// <summary>Everything an agent's actor knows, as stored in a snapshot (manifest <c>agent.snapshot.v1</c>).</summary>
public sealed record AgentSnapshot(
    bool Known,
    string? Incarnation,
    long Incarnations,
    string[] WelcomedIncarnations,
    string? PendingWelcomeId,
    bool WelcomeAcked,
    long WelcomesSent,
    long LastMessageId,
    InboxEntry[] Pending,
    long MessagesAccepted,
    OpenSession[] Sessions,
    long SessionsSpawned,
    Dictionary<string, CircuitBreakerSnapshot> Circuits,
    DedupWindowSnapshot Dedup,
    SpawnRateLimiterSnapshot Spawns,
    NudgeGateSnapshot Nudge,
    bool Suspended,
    string? SuspendReason,
    string? SuspendSource,
    long NudgesSent,
    long LinkTransitions,
    long DuplicatesDropped,
    long InputTokens,
    long CachedInputTokens,
    long OutputTokens,
    decimal CostUsd);
