namespace AgentMesh.Cluster.Sharding;

/// <summary>Ask a region for its entities; the reply is a <see cref="ShardRegionState"/>.</summary>
public sealed record GetShardRegionState
{
    public static readonly GetShardRegionState Instance = new();

    private GetShardRegionState()
    {
    }
}

/// <summary>The entities of a region on this node: running ones, and ones waiting to restart or stopping with messages buffered.</summary>
public sealed record ShardRegionState(string TypeName, IReadOnlyList<string> RunningEntities, IReadOnlyDictionary<string, int> BufferedMessages);
