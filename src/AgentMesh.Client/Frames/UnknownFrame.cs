using System.Text.Json;

namespace AgentMesh.Client.Frames;

/// <summary>
/// A frame whose <c>type</c> this client does not know, as a newer node may send. It is handed to
/// the agent instead of failing the connection; <see cref="Frame"/> is the whole frame.
/// </summary>
public sealed record UnknownFrame(string Type, JsonElement Frame) : NodeFrame;
