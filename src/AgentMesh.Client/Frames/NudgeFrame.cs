namespace AgentMesh.Client.Frames;

/// <summary><c>nudge</c>: messages up to <see cref="PendingUpTo"/> exist that the agent has not been handed.</summary>
public sealed record NudgeFrame(long PendingUpTo) : NodeFrame;
