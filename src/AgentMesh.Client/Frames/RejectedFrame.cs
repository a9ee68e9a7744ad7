namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>rejected</c>: the node refused the frame with <see cref="Ref"/>; <see cref="Reason"/> is one of
/// <see cref="RejectReasons"/>.
/// </summary>
public sealed record RejectedFrame(string? Ref, string Reason, string? Detail = null) : NodeFrame;
