namespace AgentMesh.Actors.Dispatch;

/// <summary><paramref name="watcher"/> no longer wants to hear of <paramref name="watchee"/>'s end.</summary>
internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}
