namespace AgentMesh.Node.Link;

// Frames the link itself writes (answers to send, and errors), next to the agent actor's INodeFrames.

internal sealed record SentReply(string Ref, long MessageId, bool Duplicate);

internal sealed record RejectedReply(string Ref, string Reason, string Detail);

internal sealed record ErrorReply(string Code, string Message, string? Ref);
