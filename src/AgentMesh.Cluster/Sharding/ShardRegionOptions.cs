using AgentMesh.Actors;

namespace AgentMesh.Cluster.Sharding;

/// <summary>Settings of one shard region: one kind of entity (agents, budgets) addressed by id.</summary>
public sealed record ShardRegionOptions(string TypeName, Func<string, Props> EntityProps)
{
    /// <summary>An entity that received nothing for this long is passivated; null keeps entities until stopped.</summary>
    public TimeSpan? PassivateIdleAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>What an idle entity is sent to make it stop; the default is a <see cref="PoisonPill"/>.</summary>
    public object StopMessage { get; init; } = PoisonPill.Instance;

    /// <summary>First delay before an entity that stopped unexpectedly (crashed, journal failure) is started again.</summary>
    public TimeSpan MinRestartBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An entity that ran this long since its last crash starts again without delay next time.</summary>
    public TimeSpan RestartBackoffResetAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages buffered per entity while it starts or stops; beyond this the oldest stay and new ones go to dead letters.</summary>
    public int MaxBufferPerEntity { get; init; } = 10_000;
}
