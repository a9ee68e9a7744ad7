namespace AgentMesh.Client.Frames;

/// <summary><c>suspended</c>: nothing will be delivered until <c>resumed</c>.</summary>
public sealed record SuspendedFrame(string? Reason = null) : NodeFrame;
