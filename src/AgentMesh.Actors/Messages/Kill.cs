namespace AgentMesh.Actors;

/// <summary>Makes the recipient fail with <see cref="ActorKilledException"/>; its supervisor decides what follows.</summary>
public sealed record Kill : Dispatch.IAutoReceivedMessage
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }
}
