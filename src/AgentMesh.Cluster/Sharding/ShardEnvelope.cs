namespace AgentMesh.Cluster.Sharding;

/// <summary>A message for the entity <paramref name="EntityId"/> of a shard region; the entity receives <paramref name="Message"/> alone.</summary>
public sealed record ShardEnvelope(string EntityId, object Message);
