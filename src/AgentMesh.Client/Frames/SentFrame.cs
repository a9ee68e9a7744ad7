namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>sent</c>: the answer to the <c>send</c> with the same <see cref="Ref"/>. <see cref="Duplicate"/>
/// true means the node dropped it as a repeat inside its cooldown window and did not deliver it again.
/// </summary>
public sealed record SentFrame(string Ref, long MessageId, bool Duplicate = false) : NodeFrame;
