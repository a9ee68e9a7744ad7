namespace AgentMesh.Actors.Dispatch;

/// <summary>Sent by a stopped actor to its watchers and to its parent.</summary>
internal sealed class DeathWatchNotification(IInternalActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public IInternalActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}
