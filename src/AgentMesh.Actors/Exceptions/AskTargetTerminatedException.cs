namespace AgentMesh.Actors;

/// <summary>The target of an ask stopped (or was already dead) before it replied.</summary>
public sealed class AskTargetTerminatedException(IActorRef target)
    : Exception($"{target.Path} terminated before it replied.")
{
    public IActorRef Target { get; } = target;
}
