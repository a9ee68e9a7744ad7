namespace AgentMesh.Node.Events;

/// <summary>One event on the node's event stream (<c>GET /api/events</c>).</summary>
/// <param name="Id">Increases by one per published event, per node run; null for notices such as <see cref="EventHub.DroppedType"/>.</param>
/// <param name="Type">The SSE event name, e.g. <c>agent-state</c>, <c>alert</c>, <c>spend</c>.</param>
/// <param name="Data">The payload as JSON text.</param>
public sealed record HubEvent(long? Id, string Type, string Data);
