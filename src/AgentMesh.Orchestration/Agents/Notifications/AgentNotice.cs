namespace AgentMesh.Orchestration.Agents.Notifications;

/// <summary>
/// Something that happened to an agent, published on the actor system's event stream for the admin
/// API, the dashboard and metrics. <see cref="Kind"/> is a stable, lower-case name.
/// </summary>
public abstract record AgentNotice(string AgentId, DateTimeOffset At)
{
    public abstract string Kind { get; }

    public abstract string Detail { get; }
}

public sealed record AgentStateChanged(string AgentId, DateTimeOffset At, AgentState From, AgentState To, string Why) : AgentNotice(AgentId, At)
{
    public override string Kind => "state-changed";

    public override string Detail => $"{From.ToWire()} → {To.ToWire()}: {Why}";
}

public sealed record WelcomeSentNotice(string AgentId, DateTimeOffset At, string Incarnation, string WelcomeId) : AgentNotice(AgentId, At)
{
    public override string Kind => "welcome-sent";

    public override string Detail => $"welcome {WelcomeId} to incarnation {Incarnation}";
}

public sealed record MessageAcceptedNotice(string AgentId, DateTimeOffset At, long MessageId, string From, string SessionKey) : AgentNotice(AgentId, At)
{
    public override string Kind => "message-accepted";

    public override string Detail => $"message {MessageId} from {From} ({SessionKey})";
}

public sealed record DuplicateDropped(string AgentId, DateTimeOffset At, string From, long OriginalMessageId, string Why) : AgentNotice(AgentId, At)
{
    public override string Kind => "duplicate-dropped";

    public override string Detail => $"repeat of message {OriginalMessageId} from {From} dropped ({Why})";
}

public sealed record SessionSpawned(string AgentId, DateTimeOffset At, string SessionId, string SessionKey) : AgentNotice(AgentId, At)
{
    public override string Kind => "session-spawned";

    public override string Detail => $"session {SessionId} for {SessionKey}";
}

public sealed record SessionEnded(string AgentId, DateTimeOffset At, string SessionId, string Reason) : AgentNotice(AgentId, At)
{
    public override string Kind => "session-ended";

    public override string Detail => $"session {SessionId} ended: {Reason}";
}

public sealed record SpawnThrottled(string AgentId, DateTimeOffset At, string SessionKey, DateTimeOffset NextAllowedAt) : AgentNotice(AgentId, At)
{
    public override string Kind => "spawn-throttled";

    public override string Detail => $"no new session for {SessionKey} before {NextAllowedAt:u}: spawn rate limit";
}

public sealed record RunFailed(string AgentId, DateTimeOffset At, long MessageId, string SessionKey, bool Retryable, bool Final, string? Error) : AgentNotice(AgentId, At)
{
    public override string Kind => "run-failed";

    public override string Detail =>
        $"message {MessageId} ({SessionKey}) failed{(Retryable ? " (retryable)" : string.Empty)}{(Final ? ", given up" : ", will retry")}: {Error}";
}

public sealed record CircuitChanged(string AgentId, DateTimeOffset At, string SessionKey, bool Open, int ConsecutiveFailures) : AgentNotice(AgentId, At)
{
    public override string Kind => Open ? "circuit-opened" : "circuit-closed";

    public override string Detail => Open
        ? $"circuit for {SessionKey} opened after {ConsecutiveFailures} non-retryable failures in a row"
        : $"circuit for {SessionKey} closed";
}

public sealed record NudgeSent(string AgentId, DateTimeOffset At, long? PendingUpTo, bool Degraded) : AgentNotice(AgentId, At)
{
    public override string Kind => "nudge-sent";

    public override string Detail => Degraded ? "degraded nudge (inbox unreadable)" : $"nudge up to message {PendingUpTo}";
}

public sealed record LinkChanged(string AgentId, DateTimeOffset At, bool Up, string? Incarnation) : AgentNotice(AgentId, At)
{
    public override string Kind => Up ? "link-up" : "link-down";

    public override string Detail => Up ? $"link up (incarnation {Incarnation})" : "link down";
}

public sealed record UsageRecorded(string AgentId, DateTimeOffset At, string Provider, string Model, long InputTokens, long CachedInputTokens, long OutputTokens, decimal? CostUsd) : AgentNotice(AgentId, At)
{
    public override string Kind => "usage";

    public override string Detail => $"{Provider}/{Model}: {InputTokens} in, {CachedInputTokens} cached, {OutputTokens} out";
}
