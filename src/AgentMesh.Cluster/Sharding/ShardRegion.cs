using AgentMesh.Actors;

namespace AgentMesh.Cluster.Sharding;

/// <summary>
/// Entry point to address entities by id. A region starts an entity on its first message,
/// passivates it when idle, restarts it with backoff when it stops unexpectedly, and buffers (never
/// drops) messages for an entity that is starting or stopping. On one node it owns every entity;
/// the cluster swaps in distributed ownership behind the same messages, so code that sends
/// <see cref="ShardEnvelope"/>s does not change.
/// </summary>
public static class ShardRegion
{
    public static Props Props(ShardRegionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.TypeName);
        if (options.MinRestartBackoff <= TimeSpan.Zero || options.MaxRestartBackoff < options.MinRestartBackoff)
        {
            throw new ArgumentException("MinRestartBackoff must be positive and not above MaxRestartBackoff.", nameof(options));
        }

        return Actors.Props.Create(() => new ShardRegionActor(options));
    }

    /// <summary>Starts a region for <paramref name="options"/> under <c>/system/sharding-{type}</c>.</summary>
    public static IActorRef Start(ActorSystem system, ShardRegionOptions options) =>
        system.SpawnSystemActor(Props(options), "sharding-" + options.TypeName);

    /// <summary>The child name of an entity: its id, escaped so any id (even with '/') is a valid name.</summary>
    internal static string EntityName(string entityId) => Uri.EscapeDataString(entityId);
}
