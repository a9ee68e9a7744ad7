namespace AgentMesh.Actors.Dispatch;

/// <summary>A child tells its parent it failed; the child stays suspended until the parent's directive.</summary>
internal sealed class Failed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;
}
