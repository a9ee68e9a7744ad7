using AgentMesh.Actors;

namespace AgentMesh.Node.Hosting;

/// <summary>
/// Runs once at start, after the store is open and registered on the actor system (as the
/// <see cref="Storage.NodeStore"/> extension) and before the node listens: register more extensions
/// (persistence with the domain's event serializer), start shard regions, add coordinated-shutdown
/// tasks. Setups run in registration order; one that throws stops the start.
/// </summary>
public interface IActorSystemSetup
{
    Task ConfigureAsync(ActorSystem system, CancellationToken cancellationToken);
}
