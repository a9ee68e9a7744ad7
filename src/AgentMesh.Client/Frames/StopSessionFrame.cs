namespace AgentMesh.Client.Frames;

/// <summary><c>stop-session</c>: end the session now; <see cref="Reason"/> is one of <see cref="StopReasons"/>.</summary>
public sealed record StopSessionFrame(string SessionId, string? Reason = null) : NodeFrame;
