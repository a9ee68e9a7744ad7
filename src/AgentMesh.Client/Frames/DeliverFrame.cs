using System.Text.Json;

namespace AgentMesh.Client.Frames;

/// <summary>
/// <c>deliver</c>: a message to run in session <see cref="SessionId"/>. The same session id keeps
/// coming while that session is active; a new one means "start a new session".
/// </summary>
public sealed record DeliverFrame(
    string SessionId, long MessageId, string From, JsonElement Body, string? SessionKey = null) : NodeFrame;
