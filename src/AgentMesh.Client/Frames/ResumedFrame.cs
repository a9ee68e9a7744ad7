namespace AgentMesh.Client.Frames;

/// <summary><c>resumed</c>: the suspension is lifted.</summary>
public sealed record ResumedFrame : NodeFrame;
