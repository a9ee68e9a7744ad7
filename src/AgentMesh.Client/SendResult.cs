namespace AgentMesh.Client;

/// <summary>The node's <c>sent</c> answer to a send.</summary>
/// <param name="MessageId">The message's id in the recipient's inbox.</param>
/// <param name="Duplicate">
/// True when the node dropped the message as a repeat of one accepted inside its cooldown window; it
/// was not delivered again.
/// </param>
public sealed record SendResult(long MessageId, bool Duplicate);
