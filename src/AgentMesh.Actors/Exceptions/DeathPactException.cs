namespace AgentMesh.Actors;

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Watched actor {deadActor.Path} terminated and the watcher did not handle Terminated.")
{
    public IActorRef DeadActor { get; } = deadActor;
}
