namespace AgentMesh.Actors;

/// <summary>Stops the recipient once the messages before it have been processed.</summary>
public sealed record PoisonPill : Dispatch.IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }
}
