namespace AgentMesh.Cluster.Sharding;

/// <summary>
/// Sent by an entity to its parent region to be stopped gracefully: the region stops delivering to
/// it, sends it <paramref name="StopMessage"/>, and buffers messages for it until it has stopped,
/// then starts it again if any arrived.
/// </summary>
public sealed record Passivate(object StopMessage);
