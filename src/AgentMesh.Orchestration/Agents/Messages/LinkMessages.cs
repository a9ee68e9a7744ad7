using System.Text.Json;
using AgentMesh.Actors;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Agents.Messages;

// What the node's link handler tells an agent's actor: the agent → node frames of
// spec/agent-link.md, already validated, plus link up and down. Grouped as one contract.

/// <summary>The agent said <c>hello</c> on <paramref name="Link"/>; the actor answers on the link with <c>hello-ok</c>.</summary>
public sealed record AgentHello(
    AgentId Agent,
    Incarnation Incarnation,
    IActorRef Link,
    long? ContextTokens = null,
    IReadOnlyDictionary<string, string>? Labels = null) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary>The connection behind <paramref name="Link"/> closed.</summary>
public sealed record AgentLinkClosed(AgentId Agent, IActorRef Link) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary><c>welcome-ack</c>.</summary>
public sealed record WelcomeAcknowledged(AgentId Agent, string WelcomeId) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary><c>session-started</c>: the agent loaded a fresh session (a spawn; its context tokens count as input).</summary>
public sealed record SessionStartedReport(AgentId Agent, SessionId Session, long? ContextTokens) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary><c>usage</c>: tokens one model call spent.</summary>
public sealed record UsageReport(
    AgentId Agent,
    SessionId? Session,
    string Provider,
    string Model,
    long InputTokens,
    long CachedInputTokens,
    long OutputTokens) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary><c>result</c>: the outcome of one delivered message.</summary>
public sealed record RunResultReport(AgentId Agent, SessionId Session, long MessageId, bool Ok, bool Retryable, string? Error) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary><c>session-ended</c>: the agent closed a session.</summary>
public sealed record SessionEndedReport(AgentId Agent, SessionId Session, string? Reason) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary><c>fetch</c>: deliver pending messages with id above <paramref name="After"/>, at most <paramref name="Limit"/>.</summary>
public sealed record FetchRequest(AgentId Agent, long After, int Limit) : IEntityMessage
{
    public string EntityId => Agent.Value;
}

/// <summary>
/// <c>send</c> from agent <paramref name="Agent"/>: told to the sender's own actor, which refuses it when
/// the sender is suspended and otherwise forwards an <see cref="AcceptMessage"/> to the recipient. The reply
/// (to the original sender of this message) is <see cref="MessageAccepted"/> or <see cref="MessageRefused"/>.
/// </summary>
public sealed record SendFromAgent(
    AgentId Agent,
    string To,
    JsonElement Body,
    SessionKey SessionKey,
    MessageKind Kind,
    string? IdempotencyKey = null) : IEntityMessage
{
    public string EntityId => Agent.Value;
}
