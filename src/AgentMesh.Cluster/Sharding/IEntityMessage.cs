namespace AgentMesh.Cluster.Sharding;

/// <summary>A message that names its entity itself, so it can be sent to a region without a <see cref="ShardEnvelope"/>.</summary>
public interface IEntityMessage
{
    string EntityId { get; }
}
