namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>error</c>: the node could not accept a malformed or unexpected frame (the one with
/// <see cref="Ref"/>, when it had one). The connection stays open unless the node closes it.
/// </summary>
public sealed record ErrorFrame(string Code, string? Message = null, string? Ref = null) : NodeFrame;
