namespace AgentMesh.Actors.Dispatch;

/// <summary><paramref name="watcher"/> asks <paramref name="watchee"/> to tell it when it stops.</summary>
internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}
