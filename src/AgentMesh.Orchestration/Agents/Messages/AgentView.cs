namespace AgentMesh.Orchestration.Agents.Messages;

/// <summary>An agent as the admin API shows it (spec/admin-api.md): counters named exactly as the spec names them.</summary>
public sealed record AgentView(
    string Id,
    string State,
    string? Incarnation,
    string OwnerNode,
    string Link,
    string? SuspendedReason,
    AgentCounters Counters,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<CircuitView> Circuits,
    long InboxHighWater,
    long NudgeHighWater,
    int PendingMessages,
    IReadOnlyList<AgentEventView> RecentEvents);

public sealed record AgentCounters(
    long Incarnations,
    long WelcomesSent,
    long LinkTransitions,
    long DuplicatesDropped,
    long MessagesAccepted,
    long SessionsSpawned,
    long ActiveSessions,
    long NudgesSent,
    long ConsecutiveFailures,
    long InputTokens,
    long CachedInputTokens,
    long OutputTokens,
    decimal CostUsd);

public sealed record SessionView(string SessionId, string SessionKey, DateTimeOffset StartedAt, long? InFlightMessageId, int PendingMessages);

public sealed record CircuitView(string SessionKey, string State, int ConsecutiveFailures, DateTimeOffset? OpenedAt);

public sealed record AgentEventView(DateTimeOffset At, string Kind, string Detail);
