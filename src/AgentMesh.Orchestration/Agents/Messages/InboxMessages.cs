using System.Text.Json;
using AgentMesh.Cluster.Sharding;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Agents.Messages;

/// <summary>
/// Puts a message into the inbox of <paramref name="Recipient"/>. <paramref name="From"/> is an agent id,
/// <c>operator</c>, or <c>room:&lt;name&gt;</c>. Answered with <see cref="MessageAccepted"/> or <see cref="MessageRefused"/>.
/// </summary>
public sealed record AcceptMessage(
    AgentId Recipient,
    string From,
    JsonElement Body,
    SessionKey SessionKey,
    MessageKind Kind = MessageKind.Message,
    string? IdempotencyKey = null) : IEntityMessage
{
    public string EntityId => Recipient.Value;
}

/// <summary>The message has id <paramref name="MessageId"/>; when <paramref name="Duplicate"/>, it was a repeat and was dropped.</summary>
public sealed record MessageAccepted(long MessageId, bool Duplicate);

/// <summary>
/// The message was refused: <paramref name="Reason"/> is one of the link spec's reasons
/// (<c>circuit-open</c>, <c>suspended</c>, <c>unknown-recipient</c>, <c>budget</c>, <c>invalid</c>).
/// </summary>
public sealed record MessageRefused(string Reason, string Detail);
