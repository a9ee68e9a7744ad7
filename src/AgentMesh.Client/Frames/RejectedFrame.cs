using System.Text.Json.Serialization;

namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>rejected</c>: the node refused the frame with <see cref="Ref"/> (absent when the refused frame had
/// none); <see cref="Reason"/> is one of <see cref="RejectReasons"/>. <see cref="Ref"/> is written first,
/// as the spec lists it.
/// </summary>
public sealed record RejectedFrame(
    string Reason,
    string? Detail = null,
    [property: JsonPropertyOrder(-1)] string? Ref = null) : NodeFrame;
