using System.Text.Json;
using AgentMesh.Orchestration.Dedup;

namespace AgentMesh.Orchestration.Agents.Events;

// The facts an agent's actor persists, in its journal under the manifests of AgentJournal.
// Ids are stored as plain strings so the stored form never depends on a CLR type's shape; fingerprints
// are typed but stored as their hex text by their own converter.
// Every event carries its time: replay rebuilds time-based state (dedup window, spawn limiter) exactly.

/// <summary>Marker of the agent's persisted events.</summary>
public interface IAgentEvent
{
    DateTimeOffset At { get; }
}

/// <summary>The first time this agent id was seen (a hello, or a message for a configured agent).</summary>
public sealed record AgentRegistered(DateTimeOffset At) : IAgentEvent;

/// <summary>A hello with an incarnation this agent had not had.</summary>
public sealed record IncarnationStarted(string Incarnation, DateTimeOffset At) : IAgentEvent;

/// <summary>The welcome for <paramref name="Incarnation"/> is being sent: persisted before the frame, so it is never sent twice.</summary>
public sealed record WelcomeSent(string Incarnation, string WelcomeId, DateTimeOffset At) : IAgentEvent;

public sealed record WelcomeAcked(string Incarnation, string WelcomeId, DateTimeOffset At) : IAgentEvent;

/// <summary>A message entered the inbox with id <paramref name="MessageId"/>.</summary>
public sealed record InboxMessageAccepted(
    long MessageId,
    string From,
    JsonElement Body,
    string SessionKey,
    string Kind,
    MessageFingerprint Fingerprint,
    MessageFingerprint? IdempotencyKey,
    DateTimeOffset At) : IAgentEvent;

/// <summary>A new session for <paramref name="SessionKey"/> was opened by the node.</summary>
public sealed record SessionOpened(string SessionId, string SessionKey, DateTimeOffset At) : IAgentEvent;

/// <summary>
/// The outcome of one run of a message. <paramref name="Final"/> means the message is done (success, a
/// non-retryable failure, or retries exhausted) and is never delivered again.
/// </summary>
public sealed record RunRecorded(
    string SessionId,
    long MessageId,
    bool Ok,
    bool Retryable,
    bool Final,
    string? Error,
    DateTimeOffset At) : IAgentEvent;

public sealed record SessionClosed(string SessionId, string Reason, DateTimeOffset At) : IAgentEvent;

/// <summary>An operator reset: every circuit closed, failure counts cleared.</summary>
public sealed record CircuitsReset(DateTimeOffset At) : IAgentEvent;

public sealed record AgentSuspended(string Reason, string Source, DateTimeOffset At) : IAgentEvent;

public sealed record AgentResumed(DateTimeOffset At) : IAgentEvent;

/// <summary>A nudge was sent; the nudge high-water mark moves to <paramref name="PendingUpTo"/>.</summary>
public sealed record NudgeRecorded(long PendingUpTo, DateTimeOffset At) : IAgentEvent;
