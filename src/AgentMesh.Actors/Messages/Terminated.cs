namespace AgentMesh.Actors;

/// <summary>
/// Delivered exactly once to a watcher when a watched actor has stopped, after every message that
/// actor sent to the watcher. Only the kernel creates it.
/// </summary>
public sealed record Terminated : Dispatch.IAutoReceivedMessage
{
    internal Terminated(IActorRef actor, bool existenceConfirmed)
    {
        Actor = actor;
        ExistenceConfirmed = existenceConfirmed;
    }

    public IActorRef Actor { get; }

    /// <summary>False when the actor was already gone when the watch arrived.</summary>
    public bool ExistenceConfirmed { get; }
}
