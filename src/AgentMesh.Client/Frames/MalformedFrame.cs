namespace AgentMesh.Client.Frames;

/// <summary>
/// A frame from the node that could not be read: not JSON, no <c>type</c>, or a known type with a
/// missing or mistyped field. Never sent; the connection stays open and the frame changes nothing.
/// </summary>
/// <param name="Type">The frame's <c>type</c>, when it could be read.</param>
/// <param name="Problem">Why the frame could not be read.</param>
/// <param name="Text">The frame as received.</param>
public sealed record MalformedFrame(string? Type, string Problem, string Text) : NodeFrame;
