namespace AgentMesh.Actors;

/// <summary>The sender of messages that have none; anything told to it is dropped.</summary>
public sealed class Nobody : IActorRef
{
    public static readonly Nobody Instance = new();

    private Nobody()
    {
        Path = ActorPath.Root(new Address("nobody")).Child("nobody", 0);
    }

    public ActorPath Path { get; }

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public override string ToString() => "Nobody";
}
